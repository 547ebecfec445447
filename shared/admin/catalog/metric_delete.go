package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// DeleteMetric is DELETE /admin/api/services/{service_id}/metrics/{metric_id}:
// the metric goes with its limits and pricing rules; hits stays (403).
func DeleteMetric(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, m, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		if err := deleteMetric(ctx, d, q, m); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
