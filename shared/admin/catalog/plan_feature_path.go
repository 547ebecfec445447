package catalog

import (
	"context"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// featuredPlan loads the plan of type typ named by {plan_id}; a plan of a deleted service is gone.
func featuredPlan(ctx context.Context, d *deps.Deps, q *api.Request, typ string) (*catalog.Plan, error) {
	id, err := q.ID("plan_id")
	if err != nil {
		return nil, err
	}
	p, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, typ)
	if err != nil {
		return nil, err
	}
	if p.Service != 0 {
		if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), p.Service); err != nil {
			return nil, err
		}
	}
	return p, nil
}
