package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadProxy is GET /admin/api/services/{service_id}/proxy: a product that
// never had gateway settings gets porta's defaults now.
func ReadProxy(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, err := loadProduct(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ProxyObj(pr)), nil
	})
}
