package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeletePricingRule is DELETE /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules/{rule_id}.
func DeletePricingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, metric, err := planMetric(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		id, err := q.ID("rule_id")
		if err != nil {
			return api.Result{}, err
		}
		var r catalog.PricingRule
		if err := d.Store.Read(ctx, catalog.PricingRuleKey(q.Tenant(), plan.ID, id), &r); err != nil {
			return api.Result{}, err
		}
		if r.Metric != metric.ID {
			return api.Result{}, store.ErrNotFound
		}
		err = d.Store.Tx(q.Tenant()).DeleteExisting(r.Key, store.ErrNotFound).Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
