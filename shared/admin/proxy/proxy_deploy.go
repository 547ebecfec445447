package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// DeployProxy is POST /admin/api/services/{service_id}/proxy/deploy: the
// current settings and mapping rules become the next staging config (when
// they changed); 201 with the proxy either way.
func DeployProxy(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, err := loadProduct(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if err := deployStaging(ctx, d, pr); err != nil {
			return api.Result{}, err
		}
		res := api.Created(ProxyObj(pr))
		return res, nil
	})
}
