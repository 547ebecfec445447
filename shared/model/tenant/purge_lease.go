package tenant

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// Runs of one tenant's purge never overlap: the schedule and a master's
// request, or a schedule that fires again while a long run goes on, would
// otherwise erase the same items side by side and each keep its own counts on
// the queue entry, the last one writing over the others' (the audit record
// then counts less than was erased). A run claims the queue entry for
// PurgeLease, renews the claim with every batch it records, and finishes by
// deleting the entry only if it still holds it. A run that died gives the
// purge up when its lease runs out.

// PurgeLease is how long a run holds a tenant's purge without recording a
// batch, unless PurgeOptions.Lease says otherwise.
const PurgeLease = time.Minute

// ErrPurgeRunning means another run holds the tenant's purge.
var ErrPurgeRunning = errors.New("tenant: another run is purging this tenant")

// leaseUntil is when a lease taken or renewed now runs out. It reads the wall
// clock, not the adjustable one: a lease is about processes, not deletion dates.
func (p *purge) leaseUntil() int64 { return time.Now().Add(p.lease).UnixMilli() }

// claim takes the queue entry's lease if nobody holds it, then reads the
// entry again: the counts on it are those of every run before this one.
func (p *purge) claim(ctx context.Context) error {
	free := store.ZeroOrAbsent("lease_until").Or(store.Below("lease_until", time.Now().UnixMilli()))
	ch := store.NewChange().Set("holder", p.holder).Set("lease_until", p.leaseUntil())
	if err := p.s.Tx(0).UpdateIf(p.entry.Key, ch, store.Exists().And(free), ErrPurgeRunning).Commit(ctx); err != nil {
		return err
	}
	var e QueueEntry
	if err := p.s.Get(ctx, p.entry.PK, p.entry.SK, &e); err != nil {
		return err
	}
	p.entry = &e
	return nil
}

// release gives the lease up when a run stops before the end (its budget
// spent), so that the next run need not wait for it to run out.
func (p *purge) release(ctx context.Context) error {
	ch := store.NewChange().Remove("holder").Remove("lease_until")
	return p.s.Tx(0).UpdateIf(p.entry.Key, ch, store.Is("holder", p.holder), ErrPurgeRunning).Commit(ctx)
}
