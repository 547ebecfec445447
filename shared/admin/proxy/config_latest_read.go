package proxy

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ReadLatestProxyConfig is GET /admin/api/services/{service_id}/proxy/configs/{environment}/latest.json:
// the highest version (404 when there is none).
func ReadLatestProxyConfig(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sid, env, err := pathEnv(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		c, err := proxy.Head(ctx, d.Store, q.Tenant(), sid, env)
		if errors.Is(err, store.ErrNotFound) {
			return api.Result{}, apierr.NotFound()
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ConfigObj(c)), nil
	})
}
