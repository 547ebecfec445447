package store

import (
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Conditions and changes are built with the SDK's expression builder, here and
// nowhere else: every attribute name becomes a placeholder (DynamoDB reserves
// words such as "state", "value" and "name"), values are encoded as the item
// encoder encodes them, and no caller writes an expression string.

// Cond is a condition on a stored item; the zero Cond always holds.
type Cond struct{ c expression.ConditionBuilder }

func (c Cond) set() bool { return c.c.IsSet() }

func name(attr string) expression.NameBuilder { return expression.NameNoDotSplit(attr) }

func value(v any) expression.ValueBuilder { return expression.Value(v) }

// Exists holds when the item exists.
func Exists() Cond { return Cond{expression.AttributeExists(name("PK"))} }

// Absent holds when no item has the key.
func Absent() Cond { return Cond{expression.AttributeNotExists(name("PK"))} }

// Has holds when the item has the attribute.
func Has(attr string) Cond { return Cond{expression.AttributeExists(name(attr))} }

// Is holds when attr equals v.
func Is(attr string, v any) Cond { return Cond{name(attr).Equal(value(v))} }

// IsNot holds when attr differs from v (or is absent).
func IsNot(attr string, v any) Cond { return Cond{name(attr).NotEqual(value(v))} }

// Above holds when the number attr is greater than n.
func Above(attr string, n int64) Cond { return Cond{name(attr).GreaterThan(value(n))} }

// Below holds when the number attr is less than n.
func Below(attr string, n int64) Cond { return Cond{name(attr).LessThan(value(n))} }

// ZeroOrAbsent holds when the counter attr is 0 or was never written.
func ZeroOrAbsent(attr string) Cond {
	return Cond{expression.AttributeNotExists(name(attr)).Or(name(attr).Equal(value(int64(0))))}
}

// IsOrAbsent holds when attr equals v or was never written.
func IsOrAbsent(attr string, v any) Cond {
	return Cond{expression.AttributeNotExists(name(attr)).Or(name(attr).Equal(value(v)))}
}

// UnchangedSince holds when the item's updated_at is the one that was read:
// the condition of an optimistic write.
func UnchangedSince(updatedAt time.Time) Cond { return Is("updated_at", updatedAt) }

// And holds when c and every other condition hold; zero conditions are skipped.
func (c Cond) And(others ...Cond) Cond {
	out := c
	for _, o := range others {
		switch {
		case !o.set():
		case !out.set():
			out = o
		default:
			out = Cond{out.c.And(o.c)}
		}
	}
	return out
}

// Or holds when c or o holds.
func (c Cond) Or(o Cond) Cond {
	if !c.set() || !o.set() {
		return Cond{}
	}
	return Cond{c.c.Or(o.c)}
}

// Change is an update of some attributes of one item: the attributes it names
// are set, added to or removed; the others (which other writers may own, such
// as a plan's contracts counter) are kept.
type Change struct {
	u   expression.UpdateBuilder
	n   int
	err error
}

// NewChange starts an empty change.
func NewChange() *Change { return &Change{} }

// Set assigns v to attr.
func (c *Change) Set(attr string, v any) *Change {
	c.u = c.u.Set(name(attr), value(v))
	c.n++
	return c
}

// SetOrRemove assigns v to attr; an empty string or map removes the attribute
// instead (the item encoder omits empty values, so the item reads the same).
func (c *Change) SetOrRemove(attr string, v any) *Change {
	switch x := v.(type) {
	case string:
		if x == "" {
			return c.Remove(attr)
		}
	case map[string]string:
		if len(x) == 0 {
			return c.Remove(attr)
		}
	}
	return c.Set(attr, v)
}

// Add adds n to the number attr (a missing attribute counts as 0).
func (c *Change) Add(attr string, n int64) *Change {
	c.u = c.u.Add(name(attr), value(n))
	c.n++
	return c
}

// AddIDs adds ids to the number set attr.
func (c *Change) AddIDs(attr string, ids ...int64) *Change {
	c.u = c.u.Add(name(attr), value(numberSet(ids)))
	c.n++
	return c
}

// DeleteIDs removes ids from the number set attr.
func (c *Change) DeleteIDs(attr string, ids ...int64) *Change {
	c.u = c.u.Delete(name(attr), value(numberSet(ids)))
	c.n++
	return c
}

// Remove removes attr from the item.
func (c *Change) Remove(attr string) *Change {
	c.u = c.u.Remove(name(attr))
	c.n++
	return c
}

// CopyFrom sets attrs to their values in item as the item encoder writes them;
// the attrs the encoder omits (empty values) are removed.
func (c *Change) CopyFrom(item any, attrs ...string) *Change {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		c.err = fmt.Errorf("store: encode change: %w", err)
		return c
	}
	for _, a := range attrs {
		if v, ok := av[a]; ok {
			c.Set(a, v)
		} else {
			c.Remove(a)
		}
	}
	return c
}

// Empty reports whether the change names no attribute.
func (c *Change) Empty() bool { return c == nil || c.n == 0 }

func numberSet(ids []int64) types.AttributeValue {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return &types.AttributeValueMemberNS{Value: s}
}

// built is a condition and/or a change rendered for one request.
type built struct {
	cond, update, filter *string
	names                map[string]string
	values               map[string]types.AttributeValue
}

func build(cond Cond, ch *Change, filter Cond) (built, error) {
	if ch != nil && ch.err != nil {
		return built{}, ch.err
	}
	b := expression.NewBuilder()
	some := false
	if cond.set() {
		b, some = b.WithCondition(cond.c), true
	}
	if !ch.Empty() {
		b, some = b.WithUpdate(ch.u), true
	}
	if filter.set() {
		b, some = b.WithFilter(filter.c), true
	}
	if !some {
		return built{}, nil
	}
	e, err := b.Build()
	if err != nil {
		return built{}, fmt.Errorf("store: build expression: %w", err)
	}
	return built{cond: e.Condition(), update: e.Update(), filter: e.Filter(), names: e.Names(), values: e.Values()}, nil
}

// HoldsID holds when the number set attr contains id.
func HoldsID(attr string, id int64) Cond { return Cond{expression.Contains(name(attr), id)} }

// Contains holds when the string attr contains sub.
func Contains(attr, sub string) Cond { return Cond{expression.Contains(name(attr), sub)} }
