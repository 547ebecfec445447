package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListServiceTokens is GET /admin/api/services/{service_id}/service_tokens
// (a Turnpike extension: 3scale shows service tokens only in its admin portal).
func ListServiceTokens(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		var tokens []*catalog.ServiceToken
		if err := d.Store.All(ctx, store.Query{PK: store.TenantPK(q.Tenant()), Prefix: catalog.ServiceTokenPrefix(svc.ID)}, &tokens); err != nil {
			return api.Result{}, err
		}
		l := &wire.List{Name: "service_tokens"}
		for _, t := range tokens {
			l.Items = append(l.Items, ServiceTokenObj(t))
		}
		return api.Listed(l), nil
	})
}

// pathService loads the service named by {service_id}.
func pathService(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Service, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return nil, err
	}
	return catalog.LoadService(ctx, d.Store, q.Tenant(), sid)
}
