package bench

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"turnpike/shared/platform/deps"
)

// dbCount counts the DynamoDB work of the whole process: calls by operation,
// item writes (a batch or a transaction counts each of its items) and the
// write capacity units DynamoDB reports consumed.
type dbCount struct {
	mu sync.Mutex
	tally
}

type tally struct {
	calls  map[string]int
	writes int
	wcu    float64
}

var (
	counts      = &dbCount{tally: tally{calls: map[string]int{}}}
	countingSet sync.Once
)

// countCalls points the local stack's DynamoDB clients (the store every
// function and consumer of the process shares, and the counter engine) at a
// client that counts, once per process, before any load runs. Counting at the
// client sees every write whatever path it takes: hot path, queue consumer,
// stream consumer.
func countCalls(d *deps.Deps) *dbCount {
	countingSet.Do(func() {
		db := dynamodb.New(d.Store.DB.Options(), func(o *dynamodb.Options) {
			o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
				return st.Initialize.Add(middleware.InitializeMiddlewareFunc("count", counts.middleware), middleware.After)
			})
		})
		d.Store.DB = db
		d.Counters.DB = db
	})
	return counts
}

func (c *dbCount) middleware(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	writes := 0
	switch p := in.Parameters.(type) {
	case *dynamodb.PutItemInput:
		writes = 1
		p.ReturnConsumedCapacity = withTotal(p.ReturnConsumedCapacity)
	case *dynamodb.UpdateItemInput:
		writes = 1
		p.ReturnConsumedCapacity = withTotal(p.ReturnConsumedCapacity)
	case *dynamodb.DeleteItemInput:
		writes = 1
		p.ReturnConsumedCapacity = withTotal(p.ReturnConsumedCapacity)
	case *dynamodb.BatchWriteItemInput:
		for _, reqs := range p.RequestItems {
			writes += len(reqs)
		}
		p.ReturnConsumedCapacity = withTotal(p.ReturnConsumedCapacity)
	case *dynamodb.TransactWriteItemsInput:
		writes = len(p.TransactItems)
		p.ReturnConsumedCapacity = withTotal(p.ReturnConsumedCapacity)
	}
	out, md, err := next.HandleInitialize(ctx, in)
	var wcu float64
	switch r := out.Result.(type) {
	case *dynamodb.PutItemOutput:
		wcu = units(r.ConsumedCapacity)
	case *dynamodb.UpdateItemOutput:
		wcu = units(r.ConsumedCapacity)
	case *dynamodb.DeleteItemOutput:
		wcu = units(r.ConsumedCapacity)
	case *dynamodb.BatchWriteItemOutput:
		for i := range r.ConsumedCapacity {
			wcu += units(&r.ConsumedCapacity[i])
		}
	case *dynamodb.TransactWriteItemsOutput:
		for i := range r.ConsumedCapacity {
			wcu += units(&r.ConsumedCapacity[i])
		}
	}
	c.mu.Lock()
	c.calls[awsmiddleware.GetOperationName(ctx)]++
	c.writes += writes
	c.wcu += wcu
	c.mu.Unlock()
	return out, md, err
}

// withTotal asks for the consumed capacity unless the caller asked already.
func withTotal(r types.ReturnConsumedCapacity) types.ReturnConsumedCapacity {
	if r == "" {
		return types.ReturnConsumedCapacityTotal
	}
	return r
}

func units(c *types.ConsumedCapacity) float64 {
	if c == nil || c.CapacityUnits == nil {
		return 0
	}
	return *c.CapacityUnits
}

// reset returns the counts so far and starts again.
func (c *dbCount) reset() tally {
	c.mu.Lock()
	defer c.mu.Unlock()
	was := c.tally
	c.tally = tally{calls: map[string]int{}}
	return was
}

// perAuthrep is DynamoDB work per authrep, amortized over a run.
type perAuthrep struct {
	Calls       map[string]float64 `json:"calls"`
	ItemWrites  float64            `json:"item_writes"`
	WriteUnits  float64            `json:"write_capacity_units"`
	OverAuthrep int                `json:"authreps_counted"`
}

func (c tally) per(n int) perAuthrep {
	p := perAuthrep{Calls: map[string]float64{}, ItemWrites: round(float64(c.writes) / float64(n)),
		WriteUnits: round(c.wcu / float64(n)), OverAuthrep: n}
	for op, k := range c.calls {
		p.Calls[op] = round(float64(k) / float64(n))
	}
	return p
}

func (p perAuthrep) String() string {
	ops := make([]string, 0, len(p.Calls))
	for op, c := range p.Calls {
		ops = append(ops, fmt.Sprintf("%s %.2f", op, c))
	}
	sort.Strings(ops)
	return fmt.Sprintf("DynamoDB per authrep, history included (over %d): item writes %.2f, write units %.2f; calls: %s\n",
		p.OverAuthrep, p.ItemWrites, p.WriteUnits, strings.Join(ops, ", "))
}

// loadAverage is the machine's 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
