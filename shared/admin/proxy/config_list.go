package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListProxyConfigs is GET /admin/api/services/{service_id}/proxy/configs/{environment}.json:
// every config of the environment, unpaginated (JSON only).
func ListProxyConfigs(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sid, env, err := pathEnv(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		cs, err := proxy.Configs(ctx, d.Store, q.Tenant(), sid, env)
		if err != nil {
			return api.Result{}, err
		}
		return api.Listed(configList(cs, nil)), nil
	})
}

func configList(cs []*proxy.Config, page *wire.Page) *wire.List {
	l := &wire.List{Name: "proxy_configs", Items: []*wire.Obj{}, Page: page}
	for _, c := range cs {
		l.Items = append(l.Items, ConfigObj(c))
	}
	return l
}
