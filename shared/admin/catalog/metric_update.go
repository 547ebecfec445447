package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// UpdateMetric is PUT /admin/api/services/{service_id}/metrics/{metric_id}:
// friendly_name, unit, description.
func UpdateMetric(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "metric"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, m, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		if err := updateMetric(ctx, d, q, m); err != nil {
			return api.Result{}, err
		}
		u, err := parentUnit(ctx, d, q.Tenant(), m)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(MetricObj(q.BaseURL(), m, u)), nil
	})
}
