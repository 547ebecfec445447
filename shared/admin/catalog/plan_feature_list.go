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

// listPlanFeatures is GET of the features enabled on a plan (paginated).
func listPlanFeatures(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		p, err := featuredPlan(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		query := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: catalog.PlanFeaturePrefix(p.ID)}
		return api.ListQuery(ctx, d.Store, q, query, "features", func(pfs []*catalog.PlanFeature) ([]*wire.Obj, error) {
			keys := make([]store.Key, len(pfs))
			for i, pf := range pfs {
				keys[i] = catalog.FeatureKey(q.Tenant(), p.Service, pf.Feature)
			}
			var fs []*catalog.Feature
			if err := d.Store.GetMany(ctx, keys, &fs); err != nil {
				return nil, err
			}
			byID := map[int64]*catalog.Feature{}
			for _, f := range fs {
				byID[f.ID] = f
			}
			out := make([]*wire.Obj, 0, len(pfs))
			for _, pf := range pfs {
				if f := byID[pf.Feature]; f != nil {
					out = append(out, FeatureObj(q.BaseURL(), f))
				}
			}
			return out, nil
		})
	})
}
