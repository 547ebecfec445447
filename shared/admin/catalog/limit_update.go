package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// UpdateLimit is PUT /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}:
// period and value. The limit lives in the plan's strongly consistent item
// collection and the transaction bumps the configuration version, so the
// very next authorization applies it.
func UpdateLimit(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "usage_limit"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		metric, l, err := pathLimit(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		oldPeriod := l.Period
		if err := readLimit(q, l, false); err != nil {
			return api.Result{}, err
		}
		l.UpdatedAt = q.Now
		tx := d.Store.Tx(q.Tenant())
		tx.Update(l.Key, catalog.ChangeOf(l, "period", "value", "updated_at"), store.ErrNotFound)
		if l.Period != oldPeriod {
			old := store.ClaimKey(q.Tenant(), "limit", catalog.LimitClaim(l.Plan, l.Metric, oldPeriod))
			tx.Delete(old.PK, old.SK)
			tx.Create(store.NewClaim(q.Tenant(), "limit", catalog.LimitClaim(l.Plan, l.Metric, l.Period), l.ID), catalog.ErrPeriodTaken)
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.OK(LimitObj(q.BaseURL(), l, metric.Service)), nil
	})
}
