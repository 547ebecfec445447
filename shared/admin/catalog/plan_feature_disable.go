package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// disablePlanFeature is DELETE of a feature from a plan's features.
func disablePlanFeature(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		p, err := featuredPlan(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		fid, err := q.ID("feature_id")
		if err != nil {
			return api.Result{}, err
		}
		k := catalog.PlanFeatureKey(q.Tenant(), p.ID, fid)
		if err := d.Store.Tx(q.Tenant()).DeleteExisting(k, store.ErrNotFound).Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
