package usage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/model/catalog"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// fold is successive usage of one counter: increments add up, a set restarts it.
type fold struct {
	n   int64
	set bool
}

func (f *fold) apply(d Delta) {
	if d.Set {
		f.n, f.set = d.N, true
	} else {
		f.n += d.N
	}
}

// counterWrite is the report's usage of one application's limited counters,
// and what the write records for the usage history (counter.HistoryAttr).
type counterWrite struct {
	item string
	at   time.Time
	ops  []counter.Op
	hist string
}

// histItem is one item of the usage history: the series (metrics, response
// codes, and in a day's item their hours) of one application or service in
// one day or month.
type histItem struct {
	tenant int64
	series map[string]*fold
}

// writes is everything one message (or one stream batch) changes, folded per
// item, committed in transactions of at most 99 items, each with a marker
// that makes it happen once.
type writes struct {
	d             *deps.Deps
	counterWrites map[string]*counterWrite
	hist          map[[2]string]*histItem
}

func newWrites(d *deps.Deps) *writes {
	return &writes{d: d, counterWrites: map[string]*counterWrite{}, hist: map[[2]string]*histItem{}}
}

// reportHistory attaches to each application's counter write the
// transactions of the report it records for the history (a part sent back to
// wait for its period was recorded the first time): the history comes from
// the counters table's stream, as authrep's does.
func (w *writes) reportHistory(r *Report, txs []tx, now time.Time) error {
	byItem := map[string][]Counted{}
	var order []string
	for i, t := range txs {
		if r.Txs[i].Only != nil {
			continue
		}
		c := Counted{Tenant: r.Tenant, Service: r.Service, App: t.app.ID, At: t.at.Unix(), Code: t.code}
		ids := make([]int64, 0, len(t.usage))
		for id := range t.usage {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			c.Usage = append(c.Usage, t.usage[id])
		}
		item := counter.Key(r.Tenant, t.app.ID)
		if _, ok := byItem[item]; !ok {
			order = append(order, item)
		}
		byItem[item] = append(byItem[item], c)
	}
	for _, item := range order {
		h, err := EncodeHistory(byItem[item])
		if err != nil {
			return err
		}
		cw := w.counterWrites[item]
		if cw == nil {
			cw = &counterWrite{item: item, at: now}
			w.counterWrites[item] = cw
		}
		cw.hist = h
	}
	return nil
}

// counters folds reported usage into the applications' limited counters and
// returns, per transaction index, the counter periods it names that have not
// begun at now: those wait. A counter holds only its current period: per
// application, usage counts if it falls in the period of the application's
// latest due transaction (older periods are over for the counter); no limit is
// checked, as in 3scale.
func (w *writes) counters(ctx context.Context, tenant int64, txs []tx, now time.Time) (map[int][]string, error) {
	byApp := map[int64][]int{}
	var order []int64
	for i, t := range txs {
		if _, ok := byApp[t.app.ID]; !ok {
			order = append(order, t.app.ID)
		}
		byApp[t.app.ID] = append(byApp[t.app.ID], i)
	}
	waiting := map[int][]string{}
	limits := map[int64][]*catalog.Limit{}
	for _, id := range order {
		group := byApp[id]
		plan := txs[group[0]].app.Plan
		ls, ok := limits[plan]
		if !ok {
			var err error
			if ls, err = catalog.Limits(ctx, w.d.Store, tenant, plan); err != nil {
				return nil, err
			}
			limits[plan] = ls
		}
		// For a period that has begun, a transaction dated ahead of now lies
		// in the same period as now: counting at min(latest, now) is exact.
		at := txs[group[0]].at
		for _, i := range group {
			if txs[i].at.After(at) {
				at = txs[i].at
			}
		}
		if at.After(now) {
			at = now
		}
		cw := &counterWrite{item: counter.Key(tenant, id), at: at}
		for _, l := range ls {
			var f fold
			touched := false
			for _, i := range group {
				t := txs[i]
				d, ok := t.usage[l.Metric]
				if !ok || (t.only != nil && !slices.Contains(t.only, l.Period)) {
					continue
				}
				start := counter.Start(l.Period, t.at)
				if start.After(now) {
					waiting[i] = append(waiting[i], l.Period)
					continue
				}
				if !start.Equal(counter.Start(l.Period, at)) {
					continue
				}
				f.apply(d)
				touched = true
			}
			if touched {
				cw.ops = append(cw.ops, counter.Op{Counter: counter.Counter{Metric: l.Metric, Period: l.Period}, Delta: f.n, Set: f.set})
			}
		}
		if len(cw.ops) > 0 {
			w.counterWrites[cw.item] = cw
		}
	}
	for i, ps := range waiting {
		slices.Sort(ps)
		waiting[i] = slices.Compact(ps)
	}
	return waiting, nil
}

// history folds one transaction into the usage history of its application and service.
func (w *writes) history(tenant, service, app int64, at time.Time, usage map[int64]Delta, code string) {
	if len(usage) == 0 {
		return // log-only transactions count nothing
	}
	names := make([]string, 0, len(usage)+2)
	deltas := make([]Delta, 0, len(usage)+2)
	ids := make([]int64, 0, len(usage))
	for id := range usage {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		names = append(names, strconv.FormatInt(id, 10))
		deltas = append(deltas, usage[id])
	}
	if len(code) == 3 && code[0] >= '1' && code[0] <= '5' {
		if usagelog.TrackedCodes[code] {
			names, deltas = append(names, "c:"+code), append(deltas, Delta{N: 1})
		}
		names, deltas = append(names, "c:"+code[:1]+"XX"), append(deltas, Delta{N: 1})
	}
	hour := usagelog.HourSuffix(at)
	for _, sc := range []struct {
		scope string
		id    int64
	}{{"A", app}, {"S", service}} {
		day := w.histItem(usagelog.HistoryPK(tenant, sc.scope, sc.id, "day"), usagelog.Bucket("day", at), tenant)
		month := w.histItem(usagelog.HistoryPK(tenant, sc.scope, sc.id, "month"), usagelog.Bucket("month", at), tenant)
		for i, name := range names {
			day.add(name, deltas[i])
			day.add(name+hour, deltas[i])
			month.add(name, deltas[i])
		}
	}
}

// histItem is the history item of key, created empty in the writes if new.
func (w *writes) histItem(pk, sk string, tenant int64) *histItem {
	k := [2]string{pk, sk}
	it := w.hist[k]
	if it == nil {
		it = &histItem{tenant: tenant, series: map[string]*fold{}}
		w.hist[k] = it
	}
	return it
}

func (it *histItem) add(series string, d Delta) {
	f := it.series[series]
	if f == nil {
		f = &fold{}
		it.series[series] = f
	}
	f.apply(d)
}

// entry is one item of the writes, in a deterministic order.
type entry struct {
	cw   *counterWrite
	hist [2]string
}

// ChunkSize is how many items one transaction of the consumer writes, besides its marker.
const ChunkSize = 99

// MarkerTTL is how long markers are kept: longer than SQS keeps a message.
const MarkerTTL = 15 * 24 * time.Hour

// commit writes everything in chunks; a chunk whose marker exists was applied
// by an earlier delivery and is skipped. The chunks are the same on every
// delivery: they depend only on the message.
func (w *writes) commit(ctx context.Context, msgID string) error {
	var es []entry
	items := make([]string, 0, len(w.counterWrites))
	for k := range w.counterWrites {
		items = append(items, k)
	}
	sort.Strings(items)
	for _, k := range items {
		es = append(es, entry{cw: w.counterWrites[k]})
	}
	keys := make([][2]string, 0, len(w.hist))
	for k := range w.hist {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		es = append(es, entry{hist: k})
	}
	for i := 0; i*ChunkSize < len(es); i++ {
		if err := w.chunk(ctx, msgID, i, es[i*ChunkSize:min(len(es), (i+1)*ChunkSize)]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writes) chunk(ctx context.Context, msgID string, n int, es []entry) error {
	s := w.d.Store
	// The wall clock, not d.Now: DynamoDB expires the marker and SQS drops the
	// message by real time, whatever the clock the tests move.
	marker := s.UsageMarker("MSG#"+msgID, strconv.Itoa(n), time.Now().Add(MarkerTTL))
	for attempt := 0; attempt < counter.MaxAttempts; attempt++ {
		items := []types.TransactWriteItem{marker}
		var pending []*counter.Pending
		var owners []*counterWrite // per item: the counter it writes, or nil
		owners = append(owners, nil)
		for _, e := range es {
			if e.cw != nil {
				p := w.d.Counters.AddUpdate(e.cw.item, e.cw.at, e.cw.ops, e.cw.hist)
				if p == nil {
					continue
				}
				pending = append(pending, p)
				owners = append(owners, e.cw)
				items = append(items, types.TransactWriteItem{Update: p.Update})
				continue
			}
			it := w.hist[e.hist]
			adds, sets := map[string]int64{}, map[string]int64{}
			for name, f := range it.series {
				if f.set {
					sets[name] = f.n
				} else {
					adds[name] = f.n
				}
			}
			up, err := s.UsageSeries(e.hist[0], e.hist[1], it.tenant, adds, sets)
			if err != nil {
				return err
			}
			items = append(items, up)
			owners = append(owners, nil)
		}
		_, err := s.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if err == nil {
			for _, p := range pending {
				w.d.Counters.Done(p)
			}
			return nil
		}
		var tc *types.TransactionCanceledException
		if !errors.As(err, &tc) {
			return fmt.Errorf("usage: chunk %d: %w", n, err)
		}
		for i, r := range tc.CancellationReasons {
			if aws.ToString(r.Code) != "ConditionalCheckFailed" {
				continue
			}
			if i == 0 {
				return nil // applied by an earlier delivery
			}
			if i < len(owners) && owners[i] != nil {
				// A counter's period moved on: learn its stamps and rebuild.
				if err := w.d.Counters.Refresh(ctx, owners[i].item, owners[i].ops); err != nil {
					return err
				}
			}
		}
		if err := store.Sleep(ctx, time.Duration(rand.IntN(5*(attempt+1)))*time.Millisecond); err != nil {
			return fmt.Errorf("usage: chunk %d: %w", n, err)
		}
	}
	return fmt.Errorf("usage: chunk %d of %s did not settle", n, msgID)
}
