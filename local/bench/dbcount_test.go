package bench

import (
	"context"
	"fmt"
	"os"
	"slices"
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
	mu       sync.Mutex
	counters string // the counters table, whose writes are sampled
	tally
}

type tally struct {
	calls   map[string]int
	writes  int
	single  map[string]int     // single-item writes per table
	sampled map[string]int     // of those, the ones that asked for their consumed capacity
	units   map[string]float64 // write units the sampled writes consumed, per table
	txItems map[string]int     // items written in transactions, per table
}

func newTally() tally {
	return tally{calls: map[string]int{}, single: map[string]int{}, sampled: map[string]int{},
		units: map[string]float64{}, txItems: map[string]int{}}
}

// hotSample is how often a counter write asks for its consumed capacity: one
// in hotSample. Asking costs DynamoDB Local 90–190 µs of CPU per UpdateItem
// (measured: 736 → 827 µs on the floor's write, 783 → 971 µs on a three-counter
// write with the history), which authrep itself never asks for; every counter
// write of a run has the same shape (one item under 1 KB), so a sample
// measures their units. The floor's writes (to the counters table too) are
// sampled alike. Other tables' writes (the history's, a few per batch) always ask.
const hotSample = 64

// byTable is the write units of single-item writes per table: the sampled
// writes' units scaled to every write of the table.
func (c tally) byTable() map[string]float64 {
	out := map[string]float64{}
	for t, n := range c.single {
		if c.sampled[t] > 0 {
			out[t] = c.units[t] * float64(n) / float64(c.sampled[t])
		}
	}
	return out
}

var (
	counts      = &dbCount{tally: newTally()}
	countingSet sync.Once
	// floorCounts counts the floor's calls apart, through the same
	// middleware: both sides of a measurement carry the same instrumentation
	// (the sampled consumed capacity included), and the floor's calls are not
	// counted as authrep's. Nothing reads it.
	floorCounts = &dbCount{tally: newTally()}
	// floorDB is the client the floor's calls go through.
	floorDB *dynamodb.Client
)

// countCalls points the local stack's DynamoDB clients (the store every
// function and consumer of the process shares, and the counter engine) at a
// client that counts, once per process, before any load runs. Counting at the
// client sees every write whatever path it takes: hot path, queue consumer,
// stream consumer.
func countCalls(d *deps.Deps) *dbCount {
	countingSet.Do(func() {
		counts.counters, floorCounts.counters = d.Store.Counters, d.Store.Counters
		floorDB = counting(d.Store.DB, floorCounts)
		db := counting(d.Store.DB, counts)
		d.Store.DB = db
		d.Counters.DB = db
	})
	return counts
}

// counting is a client like db whose calls c counts.
func counting(db *dynamodb.Client, c *dbCount) *dynamodb.Client {
	return dynamodb.New(db.Options(), func(o *dynamodb.Options) {
		// Clipped: the two clients built from one must not share the appended slot.
		o.APIOptions = append(slices.Clip(o.APIOptions), func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc("count", c.middleware), middleware.After)
		})
	})
}

func (c *dbCount) middleware(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	writes := 0
	table, sample := "", false
	// A sampled write asks for its consumed capacity on a copy of its input:
	// the caller's input may be reused (the floor's is), and must not keep
	// asking on every later call.
	switch p := in.Parameters.(type) {
	case *dynamodb.PutItemInput:
		writes, table = 1, aws.ToString(p.TableName)
		if sample = c.single1(table); sample && p.ReturnConsumedCapacity == "" {
			cp := *p
			cp.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
			in.Parameters = &cp
		}
	case *dynamodb.UpdateItemInput:
		writes, table = 1, aws.ToString(p.TableName)
		if sample = c.single1(table); sample && p.ReturnConsumedCapacity == "" {
			cp := *p
			cp.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
			in.Parameters = &cp
		}
	case *dynamodb.DeleteItemInput:
		writes, table = 1, aws.ToString(p.TableName)
		if sample = c.single1(table); sample && p.ReturnConsumedCapacity == "" {
			cp := *p
			cp.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
			in.Parameters = &cp
		}
	case *dynamodb.BatchWriteItemInput:
		for _, reqs := range p.RequestItems {
			writes += len(reqs)
		}
		if p.ReturnConsumedCapacity == "" {
			cp := *p
			cp.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
			in.Parameters = &cp
		}
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
	// A failed write (a condition not met) consumes units too but reports
	// none: scaling the sampled successes to every write counts it as one.
	if table != "" && sample && err == nil {
		c.sampled[table]++
		for i := range used {
			c.units[table] += units(&used[i])
		}
	}
	if table == "" { // a batch: every table's units, as reported
		for i := range used {
			if t := aws.ToString(used[i].TableName); t != "" {
				c.single[t]++
				c.sampled[t]++
				c.units[t] += units(&used[i])
			}
		}
	}
	c.mu.Unlock()
	return out, md, err
}

// single1 counts a single-item write to table and tells whether this one is
// to ask for its consumed capacity.
func (c *dbCount) single1(table string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.single[table]++
	return c.single[table]%hotSample == 1 || table != c.counters
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

// readOps are the read operations, counted apart from the writes.
var readOps = map[string]bool{"GetItem": true, "Query": true, "Scan": true, "BatchGetItem": true, "TransactGetItems": true}

// reads is the read calls counted so far.
func (c *dbCount) reads() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for op, n := range c.calls {
		if readOps[op] {
			out[op] = n
		}
	}
	return out
}

// withReads is c with its read calls replaced by reads.
func (c tally) withReads(reads map[string]int) tally {
	calls := map[string]int{}
	for op, n := range c.calls {
		if !readOps[op] {
			calls[op] = n
		}
	}
	for op, n := range reads {
		calls[op] = n
	}
	c.calls = calls
	return c
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
	byTable := c.byTable()
	hot := byTable[counters] + float64(2*c.txItems[counters])
	hist := byTable[history] + float64(2*itemUnits*c.txItems[history])
	total := hot + hist
	for t, u := range byTable {
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
