package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadLimit is GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}.
func ReadLimit(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		metric, l, err := pathLimit(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(LimitObj(q.BaseURL(), l, metric.Service)), nil
	})
}
