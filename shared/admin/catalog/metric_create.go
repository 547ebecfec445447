package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// CreateMetric is POST /admin/api/services/{service_id}/metrics.
func CreateMetric(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "metric"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		m := &catalog.Metric{Service: svc.ID, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readMetric(q, m, true); err != nil {
			return api.Result{}, err
		}
		if err := createMetric(ctx, d, q, svc, m); err != nil {
			return api.Result{}, err
		}
		return api.Created(MetricObj(q.BaseURL(), m, "")), nil
	})
}
