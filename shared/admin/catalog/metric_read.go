package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadMetric is GET /admin/api/services/{service_id}/metrics/{metric_id}.
func ReadMetric(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, m, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		u, err := parentUnit(ctx, d, q.Tenant(), m)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(MetricObj(q.BaseURL(), m, u)), nil
	})
}
