// Package bench measures the authrep hot path against the least DynamoDB work
// an exact authrep can need: `make bench`.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// Durations, overridable for a quick run (BENCH_WARMUP=5s BENCH_RUN=2s).
var (
	warmup = envDuration("BENCH_WARMUP", 40*time.Second)
	runFor = envDuration("BENCH_RUN", 2*time.Second)
	// Floor and authrep alternate in short rounds, so that load from outside
	// the benchmark (the machine is shared) weighs on both alike.
	rounds = 6
	levels = []int{1, 8, 32}
)

// BenchmarkAuthrep prints the floor and authrep at each concurrency, as a table and as JSON.
func BenchmarkAuthrep(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	// One limit: one counter to write, as the floor writes one attribute.
	app := tn.NewApp(b, map[string]int64{"day": 1 << 50})
	s := env.Server.Deps.Store
	floor := floorOp(s, tn.ID)
	// The local runner's router, on loopback, over a DynamoDB client that counts its calls.
	calls := &callCount{m: map[string]int{}}
	d := deps.New(counted(s, calls), testenv.MasterToken)
	d.Usage = env.Server.Deps.Usage
	hs := httptest.NewServer(dispatch.New(d))
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 20 * time.Second}}
	u := hs.URL + "/transactions/authrep.xml?" + url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[hits]": {"1"}}.Encode()
	authrep := func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("authrep: status %d", res.StatusCode)
		}
		return nil
	}
	if err := authrep(context.Background()); err != nil {
		b.Fatal(err)
	}
	// DynamoDB Local's JVM runs at about half speed for its first minute.
	deadline := time.Now().Add(warmup)
	for time.Now().Before(deadline) {
		measure(floor, 8, 2*time.Second)
		measure(authrep, 8, 2*time.Second)
	}
	out := result{Date: time.Now().UTC().Format(time.RFC3339), Machine: machine(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		RunSeconds: runFor.Seconds() * float64(rounds)}
	// The steady-state cost of one authrep in DynamoDB calls, counted.
	calls.reset()
	const n = 200
	for i := 0; i < n; i++ {
		if err := authrep(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	out.CallsPerAuthrep = map[string]float64{}
	for op, c := range calls.reset() {
		out.CallsPerAuthrep[op] = round(float64(c) / n)
	}
	for _, c := range levels {
		var f, a []stats
		for r := 0; r < rounds; r++ {
			f = append(f, measure(floor, c, runFor))
			a = append(a, measure(authrep, c, runFor))
		}
		row := row{Concurrency: c, Floor: merge(f), Authrep: merge(a)}
		if row.Floor.Errors+row.Authrep.Errors > 0 {
			b.Fatalf("errors during the run: floor %d, authrep %d", row.Floor.Errors, row.Authrep.Errors)
		}
		row.Throughput = round(row.Authrep.OpsPerSec / row.Floor.OpsPerSec)
		row.P50 = round(row.Authrep.P50ms / row.Floor.P50ms)
		row.P99 = round(row.Authrep.P99ms / row.Floor.P99ms)
		out.Rows = append(out.Rows, row)
	}
	fmt.Print(out.table())
	js, _ := json.MarshalIndent(out, "", "  ")
	fmt.Printf("%s\n", js)
	if path := os.Getenv("BENCH_JSON"); path != "" {
		os.WriteFile(path, append(js, '\n'), 0o644)
	}
}

// floorOp is one strongly consistent GetItem plus one conditional UpdateItem,
// issued directly with the SDK: the least DynamoDB work of an exact authrep.
func floorOp(s *store.Store, tenant int64) func(context.Context) error {
	key := store.KeyOf(store.TenantPK(tenant), store.TenantSK)
	get := &dynamodb.GetItemInput{TableName: aws.String(s.Entities), Key: key, ConsistentRead: aws.Bool(true),
		ProjectionExpression: aws.String("cfgver")}
	upd := &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.Counters),
		Key:                       map[string]types.AttributeValue{"C": &types.AttributeValueMemberS{Value: "bench-floor"}},
		UpdateExpression:          aws.String("ADD #v :one"),
		ConditionExpression:       aws.String("attribute_not_exists(#v) OR #v <= :max"),
		ExpressionAttributeNames:  map[string]string{"#v": "v"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}, ":max": &types.AttributeValueMemberN{Value: "1000000000000000"}},
		ReturnValues:              types.ReturnValueAllOld,
	}
	return func(ctx context.Context) error {
		if _, err := s.DB.GetItem(ctx, get); err != nil {
			return err
		}
		_, err := s.DB.UpdateItem(ctx, upd)
		return err
	}
}

// stats of one measurement.
type stats struct {
	Ops       int     `json:"ops"`
	Errors    int     `json:"errors"`
	OpsPerSec float64 `json:"ops_per_sec"`
	P50ms     float64 `json:"p50_ms"`
	P99ms     float64 `json:"p99_ms"`
	lat       []time.Duration
	elapsed   time.Duration
}

// measure runs op from c goroutines for d.
func measure(op func(context.Context) error, c int, d time.Duration) stats {
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	ctx := context.Background()
	start := time.Now()
	stop := start.Add(d)
	var wg sync.WaitGroup
	for i := 0; i < c; i++ {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 4096)
			bad := 0
			for time.Now().Before(stop) {
				t := time.Now()
				if err := op(ctx); err != nil {
					bad++
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			all = append(all, lat...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	return summarize(all, errs, time.Since(start))
}

func summarize(lat []time.Duration, errs int, elapsed time.Duration) stats {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	s := stats{Ops: len(lat), Errors: errs, lat: lat, elapsed: elapsed}
	if len(lat) > 0 {
		s.OpsPerSec = round(float64(len(lat)) / elapsed.Seconds())
		s.P50ms = round(ms(lat[len(lat)/2]))
		s.P99ms = round(ms(lat[min(len(lat)-1, len(lat)*99/100)]))
	}
	return s
}

// merge pools the rounds of one measurement.
func merge(ss []stats) stats {
	var lat []time.Duration
	var elapsed time.Duration
	errs := 0
	for _, s := range ss {
		lat = append(lat, s.lat...)
		elapsed += s.elapsed
		errs += s.Errors
	}
	return summarize(lat, errs, elapsed)
}

type row struct {
	Concurrency int     `json:"concurrency"`
	Floor       stats   `json:"floor"`
	Authrep     stats   `json:"authrep"`
	Throughput  float64 `json:"throughput_ratio"`
	P50         float64 `json:"p50_ratio"`
	P99         float64 `json:"p99_ratio"`
}

type result struct {
	Date       string  `json:"date"`
	Machine    string  `json:"machine"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	RunSeconds float64 `json:"seconds_per_measurement"`
	Rows       []row   `json:"rows"`
	// CallsPerAuthrep is DynamoDB calls per steady-state authrep, by operation.
	CallsPerAuthrep map[string]float64 `json:"dynamodb_calls_per_authrep"`
}

func (r result) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nauthrep vs floor (GetItem + conditional UpdateItem), %s, %s\n", r.Date, r.Machine)
	ops := make([]string, 0, len(r.CallsPerAuthrep))
	for op, c := range r.CallsPerAuthrep {
		ops = append(ops, fmt.Sprintf("%s %.2f", op, c))
	}
	sort.Strings(ops)
	fmt.Fprintf(&b, "DynamoDB calls per steady-state authrep: %s\n", strings.Join(ops, ", "))
	fmt.Fprintf(&b, "%-5s | %-26s | %-26s | %s\n", "conc", "floor ops/s  p50   p99 ms", "authrep ops/s  p50   p99 ms", "ratio ops/s  p50   p99")
	for _, x := range r.Rows {
		fmt.Fprintf(&b, "%-5d | %8.0f %6.2f %7.2f   | %8.0f %6.2f %7.2f     | %5.2f  %5.2f %5.2f\n", x.Concurrency,
			x.Floor.OpsPerSec, x.Floor.P50ms, x.Floor.P99ms, x.Authrep.OpsPerSec, x.Authrep.P50ms, x.Authrep.P99ms,
			x.Throughput, x.P50, x.P99)
	}
	return b.String()
}

func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %d CPUs, %s, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpu, runtime.Version())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func round(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

// callCount counts DynamoDB calls by operation.
type callCount struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *callCount) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.m
	c.m = map[string]int{}
	return m
}

// counted is a copy of the store whose client counts its calls.
func counted(s *store.Store, c *callCount) *store.Store {
	db := dynamodb.New(s.DB.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc("count", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				c.mu.Lock()
				c.m[awsmiddleware.GetOperationName(ctx)]++
				c.mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
		})
	})
	cp := *s
	cp.DB = db
	return &cp
}
