package catalog

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// DefaultAccountPlanID reads the id of the tenant's default account plan (0 = none).
func DefaultAccountPlanID(ctx context.Context, s *store.Store, t int64) (int64, error) {
	var ref DefaultPlanRef
	k := DefaultAccountPlanKey(t)
	if err := s.Get(ctx, k.PK, k.SK, &ref); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	return ref.Plan, nil
}

// DefaultAccountPlan is the tenant's default account plan, or nil when it has none.
// Signups read its approval_required.
func DefaultAccountPlan(ctx context.Context, s *store.Store, t int64) (*Plan, error) {
	id, err := DefaultAccountPlanID(ctx, s, t)
	if err != nil || id == 0 {
		return nil, err
	}
	p, err := LoadPlan(ctx, s, t, id, AccountPlan)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	return p, nil
}
