package tenant

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// The purge queue: one item per tenant waiting to be erased, sorted by the
// time it becomes due, in one partition. The scheduled purge reads it from
// the start and stops at the first entry not yet due, so finding the work is
// a Query of the due entries, never a Scan.

const queuePK = "#PURGEQ"

// QueueEntry is a tenant waiting to be erased, with what was erased so far
// (a purge stopped midway is finished by the next run, and the audit record
// adds up every run).
type QueueEntry struct {
	store.Key
	Tenant      int64            `dynamodbav:"tenant"`
	Due         time.Time        `dynamodbav:"due"`
	RequestedBy string           `dynamodbav:"requested_by"`
	RequestedAt time.Time        `dynamodbav:"requested_at"`
	Counts      map[string]int64 `dynamodbav:"counts,omitempty"`
	// Holder is the run that holds the purge until LeaseUntil (unix ms, wall
	// clock): runs of one tenant never overlap (see purge_lease.go).
	Holder     string `dynamodbav:"holder,omitempty"`
	LeaseUntil int64  `dynamodbav:"lease_until,omitempty"`
}

func queueKey(due time.Time, tenant int64) store.Key {
	return store.Key{PK: queuePK, SK: due.UTC().Format("2006-01-02T15:04:05.000000000Z") + "#" + store.ID(tenant)}
}

func newQueueEntry(t *Tenant, due time.Time, by string) *QueueEntry {
	return &QueueEntry{Key: queueKey(due, t.ID), Tenant: t.ID, Due: due, RequestedBy: by, RequestedAt: t.UpdatedAt}
}

// Due lists up to n queue entries due at now, earliest first.
func Due(ctx context.Context, s *store.Store, now time.Time, n int) ([]*QueueEntry, error) {
	var out []*QueueEntry
	var from store.Cursor
	for len(out) < n {
		var page []*QueueEntry
		next, err := s.PageAt(ctx, store.Query{PK: queuePK}, from, n-len(out), &page)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			if e.Due.After(now) {
				return out, nil
			}
			out = append(out, e)
		}
		if next == nil {
			break
		}
		from = next
	}
	return out, nil
}

// PurgeDue is when the tenant is to be erased: at once if a purge was asked,
// else its deletion date (zero: not queued).
func (t *Tenant) PurgeDue() time.Time {
	if !t.PurgeRequestedAt.IsZero() {
		return t.PurgeRequestedAt
	}
	return t.DeletionDate()
}

// queued reads a tenant's queue entry, nil if it has none.
func queued(ctx context.Context, s *store.Store, t *Tenant) (*QueueEntry, error) {
	due := t.PurgeDue()
	if due.IsZero() {
		return nil, nil
	}
	var e QueueEntry
	k := queueKey(due, t.ID)
	if err := s.Get(ctx, k.PK, k.SK, &e); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	return &e, nil
}
