package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteLimit is DELETE /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}.
func DeleteLimit(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, l, err := pathLimit(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		ck := store.ClaimKey(q.Tenant(), "limit", catalog.LimitClaim(l.Plan, l.Metric, l.Period))
		err = d.Store.Tx(q.Tenant()).
			DeleteExisting(l.Key, store.ErrNotFound).
			Delete(ck.PK, ck.SK).
			Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
