package audience

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// changes is an update of some attributes of one item (an account, a user),
// conditioned on the item's updated_at being the one that was read: a
// concurrent change makes the write fail with store.ErrStale, and the caller
// reads and decides again (store.Optimistic). Attributes not named are kept.
type changes struct {
	key   store.Key
	sets  []string
	adds  []string
	rems  []string
	conds []string
	names map[string]string
	vals  map[string]types.AttributeValue
}

// change starts changes of the item k last updated at readAt.
func change(k store.Key, readAt time.Time) *changes {
	c := &changes{key: k, names: map[string]string{}, vals: map[string]types.AttributeValue{}}
	c.conds = append(c.conds, c.name("updated_at")+" = "+c.value(readAt))
	return c
}

func (c *changes) name(attr string) string {
	n := fmt.Sprintf("#n%d", len(c.names))
	c.names[n] = attr
	return n
}

func (c *changes) value(v any) string {
	n := fmt.Sprintf(":v%d", len(c.vals))
	c.vals[n] = attr(v)
	return n
}

// attr encodes the few kinds of values changes write, as the item encoder does.
func attr(v any) types.AttributeValue {
	switch x := v.(type) {
	case string:
		return &types.AttributeValueMemberS{Value: x}
	case int64:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(x, 10)}
	case bool:
		return &types.AttributeValueMemberBOOL{Value: x}
	case time.Time:
		return &types.AttributeValueMemberS{Value: x.Format(time.RFC3339Nano)}
	case map[string]string:
		m := make(map[string]types.AttributeValue, len(x))
		for k, s := range x {
			m[k] = &types.AttributeValueMemberS{Value: s}
		}
		return &types.AttributeValueMemberM{Value: m}
	}
	panic(fmt.Sprintf("audience: cannot encode %T", v)) // a programming error, caught by the API layer
}

// set assigns an attribute; an empty string or map removes it.
func (c *changes) set(attr string, v any) *changes {
	switch x := v.(type) {
	case string:
		if x == "" {
			c.rems = append(c.rems, c.name(attr))
			return c
		}
	case map[string]string:
		if len(x) == 0 {
			c.rems = append(c.rems, c.name(attr))
			return c
		}
	}
	c.sets = append(c.sets, c.name(attr)+" = "+c.value(v))
	return c
}

// add adds n to a number attribute.
func (c *changes) add(attr string, n int64) *changes {
	c.adds = append(c.adds, c.name(attr)+" "+c.value(n))
	return c
}

// expr renders the update expression.
func (c *changes) expr() string {
	var b strings.Builder
	for _, part := range []struct {
		kw    string
		items []string
	}{{"SET ", c.sets}, {"ADD ", c.adds}, {"REMOVE ", c.rems}} {
		if len(part.items) > 0 {
			b.WriteString(part.kw + strings.Join(part.items, ", ") + " ")
		}
	}
	return strings.TrimSpace(b.String())
}

// in adds the write to a transaction; a stale read fails it with store.ErrStale.
func (c *changes) in(tx *store.Tx) *store.Tx {
	return tx.UpdateIf(c.key.PK, c.key.SK, c.expr(), strings.Join(c.conds, " AND "), c.names, c.vals, store.ErrStale)
}

// optimistic runs attempt under store.Optimistic; losing every retry to
// concurrent changes is a 409, for the client to try again.
func optimistic(ctx context.Context, attempt func() error) error {
	err := store.Optimistic(ctx, attempt)
	if errors.Is(err, store.ErrStale) {
		return apierr.Msg(http.StatusConflict, "Changed concurrently, try again").WithCause(err)
	}
	return err
}
