package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadProxyConfig is GET /admin/api/services/{service_id}/proxy/configs/{environment}/{version}.json.
func ReadProxyConfig(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		c, err := pathConfig(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ConfigObj(c)), nil
	})
}
