package bench

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
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
	calls   map[string]int
	writes  int
	wcu     float64
	byTable map[string]float64 // write units per table, of single-item writes
	txItems map[string]int     // items written in transactions, per table
}

func newTally() tally {
	return tally{calls: map[string]int{}, byTable: map[string]float64{}, txItems: map[string]int{}}
}

var (
	counts      = &dbCount{tally: newTally()}
	countingSet sync.Once
	// uncounted is the client the stack had before counting began: the
	// floor's calls go through it, so that they are not counted as authrep's.
	uncounted *dynamodb.Client
)

// countCalls points the local stack's DynamoDB clients (the store every
// function and consumer of the process shares, and the counter engine) at a
// client that counts, once per process, before any load runs. Counting at the
// client sees every write whatever path it takes: hot path, queue consumer,
// stream consumer.
func countCalls(d *deps.Deps) *dbCount {
	countingSet.Do(func() {
		uncounted = d.Store.DB
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
		c.mu.Lock()
		for _, it := range p.TransactItems {
			switch {
			case it.Put != nil:
				c.txItems[aws.ToString(it.Put.TableName)]++
			case it.Update != nil:
				c.txItems[aws.ToString(it.Update.TableName)]++
			case it.Delete != nil:
				c.txItems[aws.ToString(it.Delete.TableName)]++
			}
		}
		c.mu.Unlock()
	}
	out, md, err := next.HandleInitialize(ctx, in)
	var used []types.ConsumedCapacity
	switch r := out.Result.(type) {
	case *dynamodb.PutItemOutput:
		used = one(r.ConsumedCapacity)
	case *dynamodb.UpdateItemOutput:
		used = one(r.ConsumedCapacity)
	case *dynamodb.DeleteItemOutput:
		used = one(r.ConsumedCapacity)
	case *dynamodb.BatchWriteItemOutput:
		used = r.ConsumedCapacity
	}
	// A transaction's units are not taken from DynamoDB Local: it reports 2
	// whatever the number of items (measured: 1, 10 and 50 updates all
	// reported 2). per() counts them as DynamoDB bills them instead.
	c.mu.Lock()
	c.calls[awsmiddleware.GetOperationName(ctx)]++
	c.writes += writes
	for i := range used {
		u := units(&used[i])
		c.wcu += u
		if used[i].TableName != nil {
			c.byTable[*used[i].TableName] += u
		}
	}
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

func one(c *types.ConsumedCapacity) []types.ConsumedCapacity {
	if c == nil {
		return nil
	}
	return []types.ConsumedCapacity{*c}
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
	c.tally = newTally()
	return was
}

// perAuthrep is DynamoDB work per authrep, amortized over a run: the hot
// path writes the counters table, the history (and its markers) the usage
// table. A single write counts the units DynamoDB Local reports (its item's
// size in KB, rounded up); an item written in a transaction counts twice its
// size's units, as DynamoDB bills it, its size being that of the largest
// history item the run left (itemUnits).
type perAuthrep struct {
	Calls        map[string]float64 `json:"calls"`
	ItemWrites   float64            `json:"item_writes"`
	WriteUnits   float64            `json:"write_capacity_units"`
	HotPathUnits float64            `json:"hot_path_write_units"`
	HistoryUnits float64            `json:"history_write_units"`
	HistoryShare float64            `json:"history_over_hot_path"`
	// HistoryItemUnits is the size in KB (rounded up) of the largest history item.
	HistoryItemUnits int `json:"history_item_kb"`
	OverAuthrep      int `json:"authreps_counted"`
}

func (c tally) per(n int, counters, history string, itemUnits int) perAuthrep {
	hot := c.byTable[counters] + float64(2*c.txItems[counters])
	hist := c.byTable[history] + float64(2*itemUnits*c.txItems[history])
	total := hot + hist
	for t, u := range c.byTable {
		if t != counters && t != history {
			total += u
		}
	}
	p := perAuthrep{Calls: map[string]float64{}, ItemWrites: round3(float64(c.writes) / float64(n)),
		WriteUnits: round3(total / float64(n)), OverAuthrep: n, HistoryItemUnits: itemUnits,
		HotPathUnits: round3(hot / float64(n)), HistoryUnits: round3(hist / float64(n))}
	if hot > 0 {
		p.HistoryShare = round3(hist / hot)
	}
	for op, k := range c.calls {
		p.Calls[op] = round3(float64(k) / float64(n))
	}
	return p
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

func (p perAuthrep) String() string {
	ops := make([]string, 0, len(p.Calls))
	for op, c := range p.Calls {
		ops = append(ops, fmt.Sprintf("%s %.3f", op, c))
	}
	sort.Strings(ops)
	return fmt.Sprintf("DynamoDB per authrep, history included (amortized over the %d authreps of the runs): item writes %.3f, write units %.3f\n"+
		"  hot path (counters table) %.3f write units, history (usage table) %.3f = %.3f × the hot path's\n  calls: %s\n",
		p.OverAuthrep, p.ItemWrites, p.WriteUnits, p.HotPathUnits, p.HistoryUnits, p.HistoryShare, strings.Join(ops, ", "))
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
