package webhook

import (
	"context"
	"time"

	"turnpike/shared/platform/store"
)

// Redeliver starts a new round of attempts for an event that was delivered
// or failed for good; its log keeps the earlier attempts. An event still
// pending is left as it is.
func Redeliver(ctx context.Context, s *store.Store, tenant, id int64, send Sender, now time.Time) (*Event, error) {
	var e *Event
	err := store.Optimistic(ctx, func() error {
		var err error
		if e, err = LoadEvent(ctx, s, tenant, id); err != nil || e.State == Pending {
			return err
		}
		seen := e.State
		e.State, e.Tries, e.Due, e.Lease = Pending, 0, now.UnixNano(), 0
		e.GSI2PK, e.GSI2SK = pendingPK, pendingSK(e.Due, e.Tenant, e.ID)
		return s.Tx(0).PutIf(e, store.Is("state", seen), store.ErrStale).Commit(ctx)
	})
	if err != nil {
		return nil, err
	}
	if send != nil {
		Enqueue(ctx, send, e, 0)
	}
	return e, nil
}
