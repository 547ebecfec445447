package proxy

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// PromoteProxyConfig is POST /admin/api/services/{service_id}/proxy/configs/{environment}/{version}/promote.json
// with to=sandbox|production: the config copied, keeping its version (201).
func PromoteProxyConfig(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		// The config first: another tenant's path is a 404 whatever it sends.
		c, err := pathConfig(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		to, ok, err := q.Str("to")
		if err != nil {
			return api.Result{}, err
		}
		if !ok {
			return api.Result{}, apierr.BadRequest("Required parameter missing: to")
		}
		if to != proxy.Sandbox && to != proxy.Production {
			return api.Result{}, apierr.Invalid("environment", "is not included in the list")
		}
		cp, err := proxy.Promote(ctx, d.Store, c, to, q.Now)
		if errors.Is(err, proxy.ErrVersionTaken) {
			return api.Result{}, apierr.Invalid("version", "has already been taken")
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(ConfigObj(cp)), nil
	})
}
