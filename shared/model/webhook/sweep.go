package webhook

import (
	"context"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
)

// SweepBatch bounds the events one sweep enqueues; the next run goes on.
const SweepBatch = 1000

// SweepGrace is how long past its due time a pending event is left to the
// queue before the sweep enqueues it again: longer than a lease, so an event
// being posted is not taken for lost.
const SweepGrace = 3 * time.Minute

// Sweep enqueues every pending event overdue by more than SweepGrace: one
// whose message was never sent (the process died after the commit), or was
// lost. A message delivered twice posts nothing twice (see Deliver). It
// moves each event's due time forward first, so the next sweep leaves it to
// the queue again. It returns how many events it enqueued.
func Sweep(ctx context.Context, s *store.Store, send Sender, now time.Time) (int, error) {
	var overdue []*Event
	cut := fmt.Sprintf("%020d", now.Add(-SweepGrace).UnixNano())
	if err := s.AllBelow(ctx, store.Query{Index: store.GSI2, PK: pendingPK}, cut, SweepBatch, &overdue); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range overdue {
		var cur Event
		if err := s.Get(ctx, e.PK, e.SK, &cur); err != nil || cur.State != Pending || cur.Due != e.Due {
			continue
		}
		due := cur.Due
		cur.Due = now.UnixNano()
		cur.GSI2SK = pendingSK(cur.Due, cur.Tenant, cur.ID)
		err := s.Tx(0).PutIf(&cur, store.Is("due", due), store.ErrStale).Commit(ctx)
		if err != nil {
			continue
		}
		if err := Enqueue(ctx, send, &cur, 0); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
