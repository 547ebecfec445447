package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListPlanPricingRules is GET /admin/api/application_plans/{plan_id}/pricing_rules (paginated).
func ListPlanPricingRules(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, err := pathPlan(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		query := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: catalog.PricingRulePrefix(plan.ID)}
		return api.ListQuery(ctx, d.Store, q, query, "pricing_rules", api.Each(func(r *catalog.PricingRule) *wire.Obj {
			return PricingRuleObj(q.BaseURL(), r, plan.Service)
		}))
	})
}

// ListMetricPricingRules is GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.
func ListMetricPricingRules(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, metric, err := planMetric(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		query := ofMetric(catalog.PricingRulePrefix(plan.ID), q.Tenant(), metric.ID)
		return api.ListQuery(ctx, d.Store, q, query, "pricing_rules", api.Each(func(r *catalog.PricingRule) *wire.Obj {
			return PricingRuleObj(q.BaseURL(), r, plan.Service)
		}))
	})
}
