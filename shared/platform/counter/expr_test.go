package counter

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// resolve spells an expression out with its placeholders' names and values.
func resolve(s string, names map[string]string, values map[string]types.AttributeValue) string {
	out := []byte{}
	for i := 0; i < len(s); {
		if s[i] != '#' && s[i] != ':' {
			out = append(out, s[i])
			i++
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == 'n' || s[j] == 'v' || (s[j] >= '0' && s[j] <= '9')) {
			j++
		}
		p := s[i:j]
		switch {
		case names[p] != "":
			out = append(out, names[p]...)
		case values[p] != nil:
			out = append(out, values[p].(*types.AttributeValueMemberN).Value...)
		default:
			out = append(out, p...)
		}
		i = j
	}
	return string(out)
}

func TestUpdateExpressions(t *testing.T) {
	now := time.Date(2026, 11, 30, 17, 42, 0, 0, time.UTC)
	hour := Start("hour", now).Unix()
	h := func(n int64) string { return strconv.FormatInt(n, 10) }
	hits := Counter{Metric: 7, Period: "hour"}
	for _, c := range []struct {
		name     string
		known    map[string]int64 // remembered stamps; nil = nothing known
		ops      []Op
		limited  bool
		update   string
		cond     string
		newStamp int64
	}{
		{name: "nothing known: optimistic add within the limit",
			ops: []Op{{Counter: hits, Max: 10, Delta: 2}}, limited: true,
			update: "ADD v7_hour 2", cond: "(s7_hour = " + h(hour) + " AND v7_hour <= 8)", newStamp: hour},
		{name: "known current stamp: the same optimistic add",
			known: map[string]int64{"s7_hour": hour}, ops: []Op{{Counter: hits, Max: 10, Delta: 1}}, limited: true,
			update: "ADD v7_hour 1", cond: "(s7_hour = " + h(hour) + " AND v7_hour <= 9)", newStamp: hour},
		{name: "known absent: start the counter if nobody did",
			known: map[string]int64{"s7_hour": 0}, ops: []Op{{Counter: hits, Max: 10, Delta: 3}}, limited: true,
			update: "SET v7_hour = 3, s7_hour = " + h(hour), cond: "attribute_not_exists(s7_hour)", newStamp: hour},
		{name: "stored period over: restart it on the stamp seen",
			known: map[string]int64{"s7_hour": hour - 3600}, ops: []Op{{Counter: hits, Max: 10, Delta: 1}}, limited: true,
			update: "SET v7_hour = 1, s7_hour = " + h(hour), cond: "s7_hour = " + h(hour-3600), newStamp: hour},
		{name: "a caller already in the next period: adopt its stamp, never roll back",
			known: map[string]int64{"s7_hour": hour + 3600}, ops: []Op{{Counter: hits, Max: 10, Delta: 1}}, limited: true,
			update: "ADD v7_hour 1", cond: "(s7_hour = " + h(hour+3600) + " AND v7_hour <= 9)", newStamp: hour + 3600},
		{name: "a report adds without a limit, on the current stamp",
			ops: []Op{{Counter: hits, Max: 10, Delta: 5}}, limited: false,
			update: "ADD v7_hour 5", cond: "s7_hour = " + h(hour), newStamp: hour},
		{name: "a set replaces the value on the current stamp",
			ops: []Op{{Counter: hits, Max: 10, Delta: 4, Set: true}}, limited: true,
			update: "SET v7_hour = 4", cond: "s7_hour = " + h(hour), newStamp: hour},
		{name: "eternity has no stamp",
			ops: []Op{{Counter: Counter{Metric: 7, Period: "eternity"}, Max: 100, Delta: 1}}, limited: true,
			update: "ADD v7_eternity 1", cond: "(attribute_not_exists(v7_eternity) OR v7_eternity <= 99)"},
		{name: "eternity set",
			ops: []Op{{Counter: Counter{Metric: 7, Period: "eternity"}, Max: 100, Delta: 9, Set: true}}, limited: true,
			update: "SET v7_eternity = 9"},
		{name: "two counters: one write, conditions joined",
			ops: []Op{{Counter: hits, Max: 10, Delta: 1}, {Counter: Counter{Metric: 7, Period: "day"}, Max: 10, Delta: 1}}, limited: true,
			update: "ADD v7_hour 1, v7_day 1",
			cond:   "(s7_hour = " + h(hour) + " AND v7_hour <= 9) AND (s7_day = " + h(Start("day", now).Unix()) + " AND v7_day <= 9)", newStamp: hour},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := &Engine{Table: "counters"}
			if c.known != nil {
				e.store("1#2", c.known)
			}
			in, next := e.update("1#2", now, c.ops, c.limited, "")
			// A write that records no usage history removes the record of an earlier one.
			if got := resolve(aws.ToString(in.UpdateExpression), in.ExpressionAttributeNames, in.ExpressionAttributeValues); got != c.update+" REMOVE h" {
				t.Errorf("update %q, want %q", got, c.update+" REMOVE h")
			}
			if got := resolve(aws.ToString(in.ConditionExpression), in.ExpressionAttributeNames, in.ExpressionAttributeValues); got != c.cond {
				t.Errorf("condition %q, want %q", got, c.cond)
			}
			if c.newStamp != 0 && next[c.ops[0].stamp()] != c.newStamp {
				t.Errorf("stamp after %d, want %d", next[c.ops[0].stamp()], c.newStamp)
			}
			if in.ReturnValuesOnConditionCheckFailure != types.ReturnValuesOnConditionCheckFailureAllOld {
				t.Error("a failed condition must return the stored item")
			}
		})
	}
}

// A write that counts usage records it for the history on the same item. One
// that adds to a counter changes the item anyway; one that may leave every
// counter as it was also adds one to the item's sequence of records, so that
// the stream still carries it.
func TestUpdateRecordsHistory(t *testing.T) {
	e := &Engine{Table: "counters"}
	now := time.Date(2026, 11, 30, 17, 42, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		ops  []Op
		want string
	}{
		{"an increment", []Op{{Counter: Counter{Metric: 7, Period: "eternity"}, Max: 10, Delta: 1}}, "SET h = :s0 ADD v7_eternity 1"},
		{"usage of zero", []Op{{Counter: Counter{Metric: 7, Period: "eternity"}, Max: 10}}, "SET h = :s0 ADD hn 1, v7_eternity 0"},
		{"a set", []Op{{Counter: Counter{Metric: 7, Period: "eternity"}, Max: 10, Delta: 3, Set: true}}, "SET h = :s0, v7_eternity = 3 ADD hn 1"},
		{"no limits", nil, "SET h = :s0 ADD hn 1"},
	} {
		in, _ := e.update("1#2", now, c.ops, true, "R")
		if got := resolve(aws.ToString(in.UpdateExpression), in.ExpressionAttributeNames, in.ExpressionAttributeValues); got != c.want {
			t.Errorf("%s: update %q, want %q", c.name, got, c.want)
		}
		if v, _ := in.ExpressionAttributeValues[":s0"].(*types.AttributeValueMemberS); v == nil || v.Value != "R" {
			t.Errorf("%s: the record is %v", c.name, in.ExpressionAttributeValues[":s0"])
		}
	}
}

// Equal numbers share one placeholder, so that a condition over many counters fits DynamoDB's bounds.
func TestUpdateSharesPlaceholders(t *testing.T) {
	e := &Engine{Table: "counters"}
	now := time.Date(2026, 11, 30, 17, 42, 0, 0, time.UTC)
	var ops []Op
	for m := int64(1); m <= 5; m++ {
		ops = append(ops, Op{Counter: Counter{Metric: m, Period: "hour"}, Max: 10, Delta: 1})
	}
	in, _ := e.update("1#2", now, ops, true, "")
	if len(in.ExpressionAttributeValues) != 3 { // delta 1, the stamp, max-delta 9
		t.Fatalf("%d values for 5 equal counters: %v", len(in.ExpressionAttributeValues), in.ExpressionAttributeValues)
	}
}

// Counter names and the history's are spelled out (a placeholder costs
// DynamoDB a substitution); past spellMax counters every name gets one, so
// that the condition of the largest plan DynamoDB can take (about 70
// counters, 300 operators) stays within its 4 KB, whatever the metric ids.
func TestUpdateSpellsCounterNames(t *testing.T) {
	now := time.Date(2026, 11, 30, 17, 42, 0, 0, time.UTC)
	ops := func(n int) []Op {
		var out []Op
		for m := int64(0); m < int64(n); m++ {
			out = append(out, Op{Counter: Counter{Metric: 1<<62 + m, Period: []string{"minute", "eternity"}[m%2]}, Max: 1 << 62, Delta: 1})
		}
		return out
	}
	e := &Engine{Table: "counters"}
	in, _ := e.update("1#2", now, ops(spellMax), true, "R")
	if in.ExpressionAttributeNames != nil || !strings.Contains(aws.ToString(in.ConditionExpression), "v4611686018427387904_minute <= ") ||
		!strings.HasPrefix(aws.ToString(in.UpdateExpression), "SET h = ") {
		t.Errorf("names %v, update %s, condition %s", in.ExpressionAttributeNames, aws.ToString(in.UpdateExpression), aws.ToString(in.ConditionExpression))
	}
	in, _ = e.update("1#2", now, ops(spellMax), true, "")
	if in.ExpressionAttributeNames != nil || !strings.Contains(aws.ToString(in.UpdateExpression), "REMOVE h") {
		t.Errorf("names %v, update %s", in.ExpressionAttributeNames, aws.ToString(in.UpdateExpression))
	}
	in, _ = e.update("1#2", now, ops(70), true, "R")
	if n := len(in.ExpressionAttributeNames); n != 1+70+35 { // h, the counters, the minute stamps
		t.Errorf("%d names for 70 counters", n)
	}
	if n := len(aws.ToString(in.ConditionExpression)); n > 4096 {
		t.Errorf("condition of 70 counters: %d bytes", n)
	}
}

// The memory of stamps is bounded: past MaxRemembered items it starts over.
func TestStampsBounded(t *testing.T) {
	e := &Engine{}
	for i := 0; i < MaxRemembered+10; i++ {
		e.store(strconv.Itoa(i), map[string]int64{"s": 1})
	}
	if n := len(e.stamps); n > MaxRemembered {
		t.Fatalf("%d items remembered", n)
	}
	if e.known(strconv.Itoa(MaxRemembered+9)) == nil {
		t.Fatal("the latest item is forgotten")
	}
}
