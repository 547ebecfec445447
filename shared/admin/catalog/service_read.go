package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadService is GET /admin/api/services/{service_id}.
func ReadService(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		view, err := serviceView(ctx, d, q, svc)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ServiceObj(q.BaseURL(), svc, view)), nil
	})
}
