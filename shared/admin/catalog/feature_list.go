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

// listFeatures is GET of the features of the tenant or of a service (paginated).
func listFeatures(d *deps.Deps, ofService bool) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		owner, err := featureOwner(ctx, d, q, ofService)
		if err != nil {
			return api.Result{}, err
		}
		query := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: catalog.FeaturePrefix(owner)}
		return api.ListQuery(ctx, d.Store, q, query, "features", api.Each(func(f *catalog.Feature) *wire.Obj { return FeatureObj(q.BaseURL(), f) }))
	})
}
