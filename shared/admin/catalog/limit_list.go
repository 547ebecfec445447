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

// ListPlanLimits is GET /admin/api/application_plans/{plan_id}/limits (paginated).
func ListPlanLimits(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, err := pathPlan(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		query := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: catalog.LimitPrefix(plan.ID)}
		return api.ListQuery(ctx, d.Store, q, query, "limits", api.Each(func(l *catalog.Limit) *wire.Obj { return LimitObj(q.BaseURL(), l, plan.Service) }))
	})
}

// ListMetricLimits is GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.
func ListMetricLimits(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, metric, err := planMetric(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		query := ofMetric(catalog.LimitPrefix(plan.ID), q.Tenant(), metric.ID)
		return api.ListQuery(ctx, d.Store, q, query, "limits", api.Each(func(l *catalog.Limit) *wire.Obj { return LimitObj(q.BaseURL(), l, plan.Service) }))
	})
}
