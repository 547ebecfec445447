package tenant

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// ErrChanged means the tenant record changed since it was read.
var ErrChanged = store.ErrStale

// Save rewrites a tenant record read by Load, bumping its configuration
// version (so every cache of the tenant, the authrep hot path's included,
// sees the change on its next call), if nothing changed it meanwhile. A
// change of when the tenant is to be erased (scheduled for deletion, resumed,
// purge asked) moves its purge queue entry in the same transaction. by names who asked (kept for the
// purge's audit record).
func Save(ctx context.Context, s *store.Store, t *Tenant, was *Tenant, by string) error {
	ver := t.CfgVer
	t.CfgVer = ver + 1
	tx := s.Tx(0).PutIf(t, store.Is("cfgver", ver), ErrChanged)
	if old, due := was.PurgeDue(), t.PurgeDue(); !old.Equal(due) {
		if !old.IsZero() {
			k := queueKey(old, t.ID)
			tx.Delete(k.PK, k.SK)
		}
		if !due.IsZero() {
			tx.Put(newQueueEntry(t, due, by))
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.CfgVer = ver
		return err
	}
	return nil
}

// Change loads a tenant, applies change to it and saves it, again if it
// changed concurrently.
func Change(ctx context.Context, s *store.Store, id int64, by string, change func(t *Tenant) error) (*Tenant, error) {
	var out *Tenant
	err := store.Optimistic(ctx, func() error {
		t, err := Load(ctx, s, id)
		if err != nil {
			return err
		}
		was := *t
		if err := change(t); err != nil {
			return err
		}
		if err := Save(ctx, s, t, &was, by); err != nil {
			return err
		}
		out = t
		return nil
	})
	if errors.Is(err, ErrChanged) {
		return nil, err
	}
	return out, err
}
