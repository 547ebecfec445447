// Package bench measures the authrep hot path against the least DynamoDB work
// an exact authrep can need: `make bench`.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// Durations, overridable for a quick run (BENCH_WARMUP=5s BENCH_RUN=2s).
var (
	warmup = envDuration("BENCH_WARMUP", 40*time.Second)
	runFor = envDuration("BENCH_RUN", 2*time.Second)
	// Floor and authrep alternate in short rounds, so that load from outside
	// the benchmark (the machine is shared) weighs on both alike.
	rounds = 10
	// settleWait bounds the wait for the usage history to catch up.
	settleWait = envDuration("BENCH_SETTLE", 3*time.Minute)
	levels     = []int{1, 8, 32}
)

// BenchmarkAuthrep prints the floor and authrep at each concurrency, as a table
// and as JSON, on two mixes: one application with one limit (one counter to
// write, as the floor writes one attribute), and a realistic one.
func BenchmarkAuthrep(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	app := tn.NewApp(b, map[string]int64{"day": 1 << 50})
	benchAuthrep(b, env, tn, "one application, one limit", []*testenv.App{app}, "hits")
}

// mixApps is the size of the realistic mix.
const mixApps = 50

// BenchmarkAuthrepMix is the realistic mix: 50 applications, each on its own
// plan with limits on hits per minute and per day and on a method per day,
// reporting the method (which counts hits too), round robin.
func BenchmarkAuthrepMix(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	var apps []*testenv.App
	for i := 0; i < mixApps; i++ {
		app := tn.NewApp(b, map[string]int64{"minute": 1 << 50, "day": 1 << 50})
		m := tn.Create(b, "/admin/api/services/"+testenv.S(app.Service)+"/metrics/"+testenv.S(app.Hits)+"/methods.json", "method",
			url.Values{"friendly_name": {"Search"}, "system_name": {"search"}})
		tn.Create(b, "/admin/api/application_plans/"+testenv.S(app.Plan)+"/metrics/"+testenv.S(testenv.ID(b, m))+"/limits.json", "limit",
			url.Values{"period": {"day"}, "value": {"1125899906842624"}})
		apps = append(apps, app)
	}
	benchAuthrep(b, env, tn, fmt.Sprintf("%d applications, 3 limits each, a method", mixApps), apps, "search")
}

// benchAuthrep measures authrep on apps, reporting one of metric each call,
// through the local runner's router on its own loopback listener, against the
// floor measured in the same run.
func benchAuthrep(b *testing.B, env *testenv.Env, tn *testenv.Tenant, mix string, apps []*testenv.App, metric string) {
	calls := countCalls(env.Server.Deps)
	s := env.Server.Deps.Store
	floor := floorOp(floorDB, s, tn.ID)
	d := deps.New(s, testenv.MasterToken)
	d.Usage = env.Server.Deps.Usage
	hs := httptest.NewServer(dispatch.New(d))
	defer hs.Close()
	host := strings.TrimPrefix(hs.URL, "http://")
	client := newLoadClient(host)
	var reqs [][]byte
	for _, app := range apps {
		reqs = append(reqs, getRequest(host, "/transactions/authrep.xml?"+url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[" + metric + "]": {"1"}}.Encode()))
	}
	var next, hits atomic.Int64
	authrep := func(ctx context.Context) error {
		status, err := client.do(reqs[int(next.Add(1))%len(reqs)])
		if err != nil {
			return err
		}
		if status != 200 {
			return fmt.Errorf("authrep: status %d", status)
		}
		hits.Add(1)
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
	out := result{Mix: mix, Date: time.Now().UTC().Format(time.RFC3339), Machine: machine(), Load: loadAverage(),
		GOMAXPROCS: runtime.GOMAXPROCS(0), RunSeconds: runFor.Seconds() * float64(rounds)}
	// The cost of one authrep in DynamoDB calls and writes, the history's
	// included, amortized over the runs below: counted between two moments
	// when the history has caught up with every hit authrep answered (the
	// floor's calls are not counted).
	settle(b, env, tn, apps, &hits)
	calls.reset()
	before := hits.Load()
	for _, c := range levels {
		var f, a []stats
		var jf, ja, gf, ga float64
		for r := 0; r < rounds; r++ {
			j0, g0 := dynamoCPU(env), goCPU()
			f = append(f, measure(floor, c, runFor))
			j1, g1 := dynamoCPU(env), goCPU()
			a = append(a, measure(authrep, c, runFor))
			j2, g2 := dynamoCPU(env), goCPU()
			jf, ja, gf, ga = jf+j1-j0, ja+j2-j1, gf+g1-g0, ga+g2-g1
		}
		row := row{Concurrency: c, Floor: merge(f), Authrep: merge(a)}
		row.Floor.CPU = cpuPerOp{DynamoDB: jf / float64(row.Floor.Ops), Go: gf / float64(row.Floor.Ops)}
		row.Authrep.CPU = cpuPerOp{DynamoDB: ja / float64(row.Authrep.Ops), Go: ga / float64(row.Authrep.Ops)}
		if row.Floor.Errors+row.Authrep.Errors > 0 {
			b.Fatalf("errors during the run: floor %d, authrep %d", row.Floor.Errors, row.Authrep.Errors)
		}
		row.Throughput = round(row.Authrep.OpsPerSec / row.Floor.OpsPerSec)
		row.P50 = round(row.Authrep.P50ms / row.Floor.P50ms)
		row.P99 = round(row.Authrep.P99ms / row.Floor.P99ms)
		out.Rows = append(out.Rows, row)
	}
	// Reads are counted until the runs end: settling reads the history
	// through the stats API, the benchmark's own reads, not authrep's.
	reads := calls.reads()
	settle(b, env, tn, apps, &hits)
	out.PerAuthrep = calls.reset().withReads(reads).per(int(hits.Load()-before), s.Counters, s.Usage, historyItemKB(b, s, tn, apps))
	out.LoadAfter = loadAverage()
	fmt.Print(out.table())
	js, _ := json.MarshalIndent(out, "", "  ")
	fmt.Printf("%s\n", js)
	if path := os.Getenv("BENCH_JSON"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err == nil {
			f.Write(append(js, '\n'))
			f.Close()
		}
	}
}

// settle waits until the usage history holds every hit authrep answered,
// whatever carries it there (queue, stream), by reading it through the stats API.
func settle(b *testing.B, env *testenv.Env, tn *testenv.Tenant, apps []*testenv.App, hits *atomic.Int64) {
	b.Helper()
	want := hits.Load()
	var got int64
	for deadline := time.Now().Add(settleWait); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		got = 0
		for _, app := range apps {
			r := env.Do(b, "GET", "/stats/applications/"+testenv.S(app.ID)+"/usage.json",
				url.Values{"provider_key": {tn.ProviderKey}, "metric_name": {"hits"}, "granularity": {"eternity"}})
			if r.Status != 200 {
				b.Fatalf("usage history: %d %s", r.Status, r.Body)
			}
			var u struct {
				Usage struct {
					Total int64 `json:"total"`
				} `json:"usage"`
			}
			if err := json.Unmarshal(r.Body, &u); err != nil {
				b.Fatalf("usage history: %v: %s", err, r.Body)
			}
			got += u.Usage.Total
		}
		if got == want {
			return
		}
	}
	b.Fatalf("usage history holds %d hits, authrep answered %d", got, want)
}

// historyItemKB is the size, in KB rounded up, of the largest history item of
// the applications and their services: what one transactional write of it
// costs, in half write units.
func historyItemKB(b *testing.B, s *store.Store, tn *testenv.Tenant, apps []*testenv.App) int {
	b.Helper()
	largest := 0
	for _, app := range apps {
		for _, pk := range []string{usagelog.HistoryPK(tn.ID, "A", app.ID, "day"), usagelog.HistoryPK(tn.ID, "A", app.ID, "month"),
			usagelog.HistoryPK(tn.ID, "S", app.Service, "day"), usagelog.HistoryPK(tn.ID, "S", app.Service, "month")} {
			items, err := s.UsageRangeItems(context.Background(), pk, "0", "999999999999")
			if err != nil {
				b.Fatal(err)
			}
			for _, it := range items {
				largest = max(largest, itemSize(it))
			}
		}
	}
	return (largest + 1023) / 1024
}

// itemSize is an item's size as DynamoDB counts it: names plus values, a
// number taking about one byte per two significant digits plus one.
func itemSize(it store.RawItem) int {
	n := 0
	for name, v := range it {
		n += len(name)
		switch x := v.(type) {
		case *types.AttributeValueMemberS:
			n += len(x.Value)
		case *types.AttributeValueMemberN:
			n += (len(x.Value)+1)/2 + 1
		default:
			n += 8
		}
	}
	return n
}

// floorOp is one strongly consistent GetItem plus one conditional UpdateItem,
// issued directly with the SDK: the least DynamoDB work of an exact authrep.
func floorOp(db *dynamodb.Client, s *store.Store, tenant int64) func(context.Context) error {
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
		if _, err := db.GetItem(ctx, get); err != nil {
			return err
		}
		_, err := db.UpdateItem(ctx, upd)
		return err
	}
}

// stats of one measurement.
type stats struct {
	Ops       int      `json:"ops"`
	Errors    int      `json:"errors"`
	OpsPerSec float64  `json:"ops_per_sec"`
	P50ms     float64  `json:"p50_ms"`
	P99ms     float64  `json:"p99_ms"`
	CPU       cpuPerOp `json:"cpu_per_op"`
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
	Mix        string  `json:"mix"`
	Date       string  `json:"date"`
	Machine    string  `json:"machine"`
	Load       string  `json:"load_average_before"`
	LoadAfter  string  `json:"load_average_after"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	RunSeconds float64 `json:"seconds_per_measurement"`
	Rows       []row   `json:"rows"`
	// PerAuthrep is DynamoDB work per steady-state authrep, history included.
	PerAuthrep perAuthrep `json:"dynamodb_per_authrep"`
}

func (r result) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nauthrep vs floor (GetItem + conditional UpdateItem), %s\n%s, %s, load average %s (after: %s)\n",
		r.Mix, r.Date, r.Machine, r.Load, r.LoadAfter)
	b.WriteString(r.PerAuthrep.String())
	fmt.Fprintf(&b, "%-5s | %-26s | %-26s | %s\n", "conc", "floor ops/s  p50   p99 ms", "authrep ops/s  p50   p99 ms", "ratio ops/s  p50   p99")
	for _, x := range r.Rows {
		fmt.Fprintf(&b, "%-5d | %8.0f %6.2f %7.2f   | %8.0f %6.2f %7.2f     | %5.2f  %5.2f %5.2f\n", x.Concurrency,
			x.Floor.OpsPerSec, x.Floor.P50ms, x.Floor.P99ms, x.Authrep.OpsPerSec, x.Authrep.P50ms, x.Authrep.P99ms,
			x.Throughput, x.P50, x.P99)
	}
	var cpu []string
	for _, x := range r.Rows {
		cpu = append(cpu, fmt.Sprintf("conc %d floor %.0f+%.0f authrep %.0f+%.0f", x.Concurrency,
			x.Floor.CPU.DynamoDB, x.Floor.CPU.Go, x.Authrep.CPU.DynamoDB, x.Authrep.CPU.Go))
	}
	fmt.Fprintf(&b, "CPU per operation, µs (DynamoDB Local + Go process): %s\n", strings.Join(cpu, "; "))
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

// cpuPerOp is the CPU time one operation cost, in microseconds: DynamoDB
// Local's (its JVM) and the benchmark process's (client, router, handlers and
// the stream poller alike), each measured over the side's own rounds. Unlike
// throughput it hardly moves with load from outside the benchmark, so it says
// where a gap comes from on a shared machine.
type cpuPerOp struct {
	DynamoDB float64 `json:"dynamodb_cpu_us"`
	Go       float64 `json:"go_cpu_us"`
}

// dynamoCPU is DynamoDB Local's CPU time so far, in microseconds (0 when its
// process is not found: the table then shows no CPU figures).
func dynamoCPU(env *testenv.Env) float64 {
	port := env.Server.Stack.DynamoDBEndpoint[strings.LastIndex(env.Server.Stack.DynamoDBEndpoint, ":")+1:]
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		cmd, err := os.ReadFile("/proc/" + d.Name() + "/cmdline")
		if err != nil || !strings.Contains(string(cmd), "DynamoDBLocal.jar") || !strings.HasSuffix(strings.TrimRight(string(cmd), "\x00"), "-port\x00"+port) {
			continue
		}
		st, _ := os.ReadFile("/proc/" + d.Name() + "/stat")
		f := strings.Fields(string(st[strings.LastIndex(string(st), ")")+2:]))
		u, _ := strconv.ParseFloat(f[11], 64)
		k, _ := strconv.ParseFloat(f[12], 64)
		return (u + k) * 1e6 / clockTicks
	}
	return 0
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's times (100 on Linux).
const clockTicks = 100

// goCPU is this process's CPU time so far, in microseconds.
func goCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1000
}
