package counter

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/platform/store"
)

// Counter names one limited (metric, period).
type Counter struct {
	Metric int64
	Period string
}

func (c Counter) value() string { return "v" + strconv.FormatInt(c.Metric, 10) + "_" + c.Period }
func (c Counter) stamp() string { return "s" + strconv.FormatInt(c.Metric, 10) + "_" + c.Period }

// Op is what one request does to one counter: add Delta (or set it, with Set)
// provided the result stays within Max.
type Op struct {
	Counter
	Max   int64
	Delta int64
	Set   bool
}

// HistoryAttr and HistorySeqAttr carry, on a counter item, what its latest
// write recorded for the usage history and a sequence of such writes. The
// counters table's stream delivers every write's new image: every write of
// the engine sets HistoryAttr or removes it, so a new image holding it carries
// that write's history. DynamoDB Streams leaves out a write that changes
// nothing: a recording write that adds nothing to a counter (usage of 0, a
// set, an application without limits) also adds one to the sequence; one that
// adds to a counter changes the item anyway and spares DynamoDB that attribute.
const (
	HistoryAttr    = "h"
	HistorySeqAttr = "hn"
)

// Values are counters' current values in the current periods.
type Values map[Counter]int64

// Engine applies ops to the counter items of one table.
type Engine struct {
	DB    *dynamodb.Client
	Table string
	// stamps remembers, per item, the period stamps last seen, so that a
	// rolled-over period costs no extra round trip (a stale memory only costs
	// one). Bounded by MaxRemembered items: past it, the memory starts over.
	mu     sync.Mutex
	stamps map[string]map[string]int64 // item key → stamp name → start (0 = known absent)
}

// MaxRemembered bounds how many items' stamps an engine remembers.
const MaxRemembered = 50000

// known returns the stamps remembered for item (nil if none); the map returned is never modified.
func (e *Engine) known(item string) map[string]int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stamps[item]
}

// store replaces what is remembered of item.
func (e *Engine) store(item string, m map[string]int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stamps == nil || len(e.stamps) >= MaxRemembered {
		e.stamps = make(map[string]map[string]int64)
	}
	e.stamps[item] = m
}

// MaxAttempts bounds retries when periods roll over under concurrent callers.
const MaxAttempts = 16

// Key is the counter item key of an application.
func Key(tenant, app int64) string {
	return strconv.FormatInt(tenant, 10) + "#" + strconv.FormatInt(app, 10)
}

func (e *Engine) key(item string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"C": &types.AttributeValueMemberS{Value: item}}
}

// Result is the outcome of a check or an update: whether every op fits, and
// the reported counters' values as stored before the call and after it (the
// same when nothing was written).
type Result struct {
	OK            bool
	Before, After Values
}

// Check evaluates ops without writing (authorize): allowed iff every op's
// result stays within its max.
func (e *Engine) Check(ctx context.Context, item string, now time.Time, ops []Op, report []Counter) (Result, error) {
	res, err := e.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(e.Table), Key: e.key(item), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Result{}, fmt.Errorf("counter: read %s: %w", item, err)
	}
	e.remember(item, res.Item, ops)
	v := values(res.Item, now, report)
	return Result{OK: !exceeds(res.Item, now, ops) && !mustDeny(ops), Before: v, After: v}, nil
}

// Apply adds ops to the counters atomically if every result stays within its
// max; otherwise nothing changes. hist, when not empty, is what this call
// records for the usage history: the same write stores it on the item (see
// History), so it is durable exactly when the counters are, and an
// application without limits still gets that one write.
func (e *Engine) Apply(ctx context.Context, item string, now time.Time, ops []Op, report []Counter, hist string) (Result, error) {
	if mustDeny(ops) || (len(ops) == 0 && hist == "") {
		return e.Check(ctx, item, now, ops, report)
	}
	for attempt := 0; attempt < MaxAttempts; attempt++ {
		in, stamps, held := e.write(item, now, ops, true, hist)
		// When the write touches every reported counter, the old values of
		// what it updates are enough (DynamoDB then returns neither the key
		// nor the stamps the condition held; on DynamoDB Local that is about
		// 30 µs of CPU less per call than the whole item).
		touchesAll := covers(ops, report)
		if touchesAll {
			in.ReturnValues = types.ReturnValueUpdatedOld
		}
		res, err := e.DB.UpdateItem(ctx, in, sentOnce)
		if err == nil {
			e.store(item, stamps)
			old := res.Attributes
			if touchesAll {
				old = withStamps(old, held)
			}
			before := values(old, now, report)
			return Result{OK: true, Before: before, After: applied(old, now, ops, before)}, nil
		}
		var ccf *types.ConditionalCheckFailedException
		if !errors.As(err, &ccf) {
			return Result{}, fmt.Errorf("counter: update %s: %w", item, err)
		}
		old := ccf.Item // ALL_OLD: nil when the item does not exist yet
		e.remember(item, old, ops)
		if exceeds(old, now, ops) {
			v := values(old, now, report)
			return Result{Before: v, After: v}, nil
		}
		if err := backoff(ctx, attempt); err != nil {
			return Result{}, err
		}
	}
	return Result{}, fmt.Errorf("counter: %s: contention did not settle after %d attempts", item, MaxAttempts)
}

// Add counts ops at time at without any limit (reports are not limited, as in
// 3scale). A counter already in a later period than at's is left alone: it
// only holds its current period.
func (e *Engine) Add(ctx context.Context, item string, at time.Time, ops []Op) error {
	for attempt := 0; attempt < MaxAttempts; attempt++ {
		live := e.current(item, at, ops)
		if len(live) == 0 {
			return nil
		}
		in, stamps := e.update(item, at, live, false, "")
		in.ReturnValues = types.ReturnValueNone
		_, err := e.DB.UpdateItem(ctx, in, sentOnce)
		if err == nil {
			e.merge(item, stamps)
			return nil
		}
		var ccf *types.ConditionalCheckFailedException
		if !errors.As(err, &ccf) {
			return fmt.Errorf("counter: add %s: %w", item, err)
		}
		e.remember(item, ccf.Item, ops)
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
	return fmt.Errorf("counter: %s: contention did not settle after %d attempts", item, MaxAttempts)
}

// current drops the ops whose remembered period is later than at's.
func (e *Engine) current(item string, at time.Time, ops []Op) []Op {
	stamps := e.known(item)
	out := ops[:0:0]
	for _, op := range ops {
		if op.Period != "eternity" && stamps[op.stamp()] > Start(op.Period, at).Unix() {
			continue
		}
		out = append(out, op)
	}
	return out
}

// covers tells whether ops touch every counter of report.
func covers(ops []Op, report []Counter) bool {
	for _, c := range report {
		found := false
		for _, op := range ops {
			if op.Counter == c {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// withStamps is attrs with the stamps a successful write's condition held:
// they were stored as they are in held.
func withStamps(attrs map[string]types.AttributeValue, held map[string]int64) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(attrs)+len(held))
	for k, v := range attrs {
		out[k] = v
	}
	for k, p := range held {
		out[k] = &types.AttributeValueMemberN{Value: strconv.FormatInt(p, 10)}
	}
	return out
}

// backoff waits before another attempt, or returns why the caller gave up.
func backoff(ctx context.Context, attempt int) error {
	if attempt <= 1 {
		return ctx.Err()
	}
	// Periods rolling over under many callers: spread the retries.
	t := time.NewTimer(time.Duration(rand.IntN(1000*(attempt))) * time.Microsecond)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("counter: %w", ctx.Err())
	}
}

// applied is the values of report after ops were applied to old.
func applied(old map[string]types.AttributeValue, now time.Time, ops []Op, before Values) Values {
	after := make(Values, len(before))
	for c, v := range before {
		after[c] = v
	}
	for _, op := range ops {
		if _, ok := after[op.Counter]; !ok {
			continue
		}
		if op.Set {
			after[op.Counter] = op.Delta
		} else {
			after[op.Counter] = current(old, now, op.Counter) + op.Delta
		}
	}
	return after
}

// changes tells whether ops certainly change the item: one adds a non-zero amount.
func changes(ops []Op) bool {
	for _, op := range ops {
		if !op.Set && op.Delta != 0 {
			return true
		}
	}
	return false
}

// mustDeny is true when an op cannot fit whatever is stored.
func mustDeny(ops []Op) bool {
	for _, op := range ops {
		if op.Delta > op.Max {
			return true
		}
	}
	return false
}

// update builds the conditional write from what is known of the stamps and
// returns the stamps the touched counters will have once it succeeds. With
// limited, each increment is conditioned on staying within its max.
func (e *Engine) update(item string, now time.Time, ops []Op, limited bool, hist string) (*dynamodb.UpdateItemInput, map[string]int64) {
	in, next, _ := e.write(item, now, ops, limited, hist)
	return in, next
}

// write is update, also returning the stamps its condition holds at a value
// without setting them (a successful write leaves them as they were).
func (e *Engine) write(item string, now time.Time, ops []Op, limited bool, hist string) (*dynamodb.UpdateItemInput, map[string]int64, map[string]int64) {
	stamps := e.known(item)
	next := make(map[string]int64, len(ops))
	held := make(map[string]int64, len(ops))
	b := newExpr(len(ops) <= spellMax)
	if hist != "" {
		b.set(b.name(HistoryAttr) + " = " + b.str(hist))
		if !changes(ops) {
			b.add(b.name(HistorySeqAttr) + " " + b.num(1))
		}
	} else {
		// A write that records nothing leaves no record behind it: the
		// stream's new image then carries a record only for the write that made it.
		b.remove(b.name(HistoryAttr))
	}
	for _, op := range ops {
		v := b.name(op.value())
		if op.Period == "eternity" {
			if op.Set {
				b.set(v + " = " + b.num(op.Delta))
			} else {
				b.add(v + " " + b.num(op.Delta))
				if limited {
					b.cond("(attribute_not_exists(" + v + ") OR " + v + " <= " + b.num(op.Max-op.Delta) + ")")
				}
			}
			continue
		}
		stamp := op.stamp()
		s := b.name(stamp)
		p := Start(op.Period, now).Unix()
		st, seen := stamps[stamp]
		if seen && st > p {
			p = st // our clock lags a caller that already rolled the period: adopt, never roll back
		}
		next[stamp] = p
		switch {
		case !seen || st == p:
			// Optimistic: the stamp is current; a stale one fails the condition and is learned.
			held[stamp] = p
			if op.Set {
				b.set(v + " = " + b.num(op.Delta))
				b.cond(s + " = " + b.num(p))
			} else {
				b.add(v + " " + b.num(op.Delta))
				if limited {
					b.cond("(" + s + " = " + b.num(p) + " AND " + v + " <= " + b.num(op.Max-op.Delta) + ")")
				} else {
					b.cond(s + " = " + b.num(p))
				}
			}
		case st == 0:
			// Never counted: start it, if nobody else did meanwhile.
			b.set(v + " = " + b.num(op.Delta))
			b.set(s + " = " + b.num(p))
			b.cond("attribute_not_exists(" + s + ")")
		default:
			// The stored period is over: restart it, conditioned on the stamp seen.
			b.set(v + " = " + b.num(op.Delta))
			b.set(s + " = " + b.num(p))
			b.cond(s + " = " + b.num(st))
		}
	}
	return &dynamodb.UpdateItemInput{
		TableName:                           aws.String(e.Table),
		Key:                                 e.key(item),
		UpdateExpression:                    aws.String(b.expression()),
		ConditionExpression:                 b.condition(),
		ExpressionAttributeNames:            b.attributeNames(),
		ExpressionAttributeValues:           b.values,
		ReturnValues:                        types.ReturnValueAllOld,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	}, next, held
}

// merge records stamps after a successful write, keeping the others known.
func (e *Engine) merge(item string, stamps map[string]int64) {
	old := e.known(item)
	m := make(map[string]int64, len(old)+len(stamps))
	for k, v := range old {
		m[k] = v
	}
	for k, v := range stamps {
		m[k] = v
	}
	e.store(item, m)
}

// remember records the stamps of the touched counters as stored in attrs.
func (e *Engine) remember(item string, attrs map[string]types.AttributeValue, ops []Op) {
	m := make(map[string]int64, len(ops))
	for _, op := range ops {
		if op.Period == "eternity" {
			continue
		}
		m[op.stamp()] = num(attrs, op.stamp()) // 0 when absent
	}
	e.store(item, m)
}

// current is a counter's value in the period containing now (0 if its stamp is older).
func current(attrs map[string]types.AttributeValue, now time.Time, c Counter) int64 {
	if c.Period == "eternity" {
		return num(attrs, c.value())
	}
	if st := num(attrs, c.stamp()); st < Start(c.Period, now).Unix() {
		return 0
	}
	return num(attrs, c.value())
}

// exceeds tells whether applying ops to attrs would pass a max.
func exceeds(attrs map[string]types.AttributeValue, now time.Time, ops []Op) bool {
	for _, op := range ops {
		v := op.Delta
		if !op.Set {
			v += current(attrs, now, op.Counter)
		}
		if v > op.Max {
			return true
		}
	}
	return false
}

func values(attrs map[string]types.AttributeValue, now time.Time, report []Counter) Values {
	out := make(Values, len(report))
	for _, c := range report {
		out[c] = current(attrs, now, c)
	}
	return out
}

func num(attrs map[string]types.AttributeValue, name string) int64 {
	if n, ok := attrs[name].(*types.AttributeValueMemberN); ok {
		v, _ := strconv.ParseInt(n.Value, 10, 64)
		return v
	}
	return 0
}

// expr accumulates an update expression with shared placeholders: DynamoDB
// bounds a condition to 300 operators and 4 KB, and every name goes through
// ExpressionAttributeNames (day, minute and value are reserved words).
type expr struct {
	names      map[string]string
	values     map[string]types.AttributeValue
	byName     map[string]string
	byValue    map[int64]string
	sets, adds []string
	removes    []string
	conds      []string
	spell      bool // counter names without placeholders
}

// spellMax is the most counters a write spells out by name; past it every
// name gets a placeholder, so that the condition of a large plan stays within
// DynamoDB's 4 KB (a spelled-out counter takes about 60 bytes of it, a
// placeholder's about 30).
const spellMax = 16

func newExpr(spell bool) *expr {
	return &expr{names: map[string]string{}, values: map[string]types.AttributeValue{}, byName: map[string]string{},
		byValue: map[int64]string{}, spell: spell}
}

// name is how the expression spells attribute n. A counter's name (a letter,
// the metric's id, an underscore, the period) cannot be one of DynamoDB's
// reserved words, which are all letters, nor can the history's (h, hn): they
// are spelled out (store.Spelled), as a placeholder costs DynamoDB a
// substitution per use (on a write of three counters, placeholders for every
// name cost DynamoDB Local about 40 µs of CPU more).
func (b *expr) name(n string) string {
	if b.spell && store.Spelled(n) {
		return n
	}
	if p, ok := b.byName[n]; ok {
		return p
	}
	p := "#n" + strconv.Itoa(len(b.byName))
	b.byName[n], b.names[p] = p, n
	return p
}

func (b *expr) num(v int64) string {
	if p, ok := b.byValue[v]; ok {
		return p
	}
	p := ":v" + strconv.Itoa(len(b.byValue))
	b.byValue[v], b.values[p] = p, &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
	return p
}

func (b *expr) str(v string) string {
	p := ":s" + strconv.Itoa(len(b.values))
	b.values[p] = &types.AttributeValueMemberS{Value: v}
	return p
}

// attributeNames is nil when every name is spelled out: DynamoDB refuses an
// empty map.
func (b *expr) attributeNames() map[string]string {
	if len(b.names) == 0 {
		return nil
	}
	return b.names
}

func (b *expr) set(s string)    { b.sets = append(b.sets, s) }
func (b *expr) add(s string)    { b.adds = append(b.adds, s) }
func (b *expr) remove(s string) { b.removes = append(b.removes, s) }
func (b *expr) cond(s string)   { b.conds = append(b.conds, s) }

func (b *expr) expression() string {
	var parts []string
	if len(b.sets) > 0 {
		parts = append(parts, "SET "+strings.Join(b.sets, ", "))
	}
	if len(b.adds) > 0 {
		parts = append(parts, "ADD "+strings.Join(b.adds, ", "))
	}
	if len(b.removes) > 0 {
		parts = append(parts, "REMOVE "+strings.Join(b.removes, ", "))
	}
	return strings.Join(parts, " ")
}

func (b *expr) condition() *string {
	if len(b.conds) == 0 {
		return nil
	}
	return aws.String(strings.Join(b.conds, " AND "))
}
