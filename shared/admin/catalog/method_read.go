package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadMethod is GET /admin/api/services/{service_id}/metrics/{metric_id}/methods/{method_id}.
func ReadMethod(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		m, err := pathMethod(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(MethodObj(q.BaseURL(), m)), nil
	})
}
