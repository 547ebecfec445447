package audience

import (
	"context"
	"errors"
	"net/http"
	"time"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// changes is an update of some attributes of one item (an account, a user),
// conditioned on the item's updated_at being the one that was read: a
// concurrent change makes the write fail with store.ErrStale, and the caller
// reads and decides again (store.Optimistic). Attributes not named are kept.
type changes struct {
	key    store.Key
	readAt time.Time
	ch     *store.Change
}

// change starts changes of the item k last updated at readAt.
func change(k store.Key, readAt time.Time) *changes {
	return &changes{key: k, readAt: readAt, ch: store.NewChange()}
}

// set assigns an attribute; an empty string or map removes it.
func (c *changes) set(attr string, v any) *changes {
	c.ch.SetOrRemove(attr, v)
	return c
}

// in adds the write to a transaction; a stale read fails it with store.ErrStale.
func (c *changes) in(tx *store.Tx) *store.Tx {
	return tx.UpdateIf(c.key, c.ch, store.UnchangedSince(c.readAt), store.ErrStale)
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
