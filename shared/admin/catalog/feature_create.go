package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

var errFeatureTaken = apierr.Invalid("system_name", "has already been taken")

// createFeature is POST of a feature of the tenant (for account plans) or of a service.
func createFeature(d *deps.Deps, ofService bool) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "feature"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		owner, err := featureOwner(ctx, d, q, ofService)
		if err != nil {
			return api.Result{}, err
		}
		f := &catalog.Feature{Owner: owner, Tenant: q.Tenant(), Scope: catalog.ScopeAccountPlan, Visible: true, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readFeature(q, f, true); err != nil {
			return api.Result{}, err
		}
		if f.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		f.Key = catalog.FeatureKey(q.Tenant(), owner, f.ID)
		tx := d.Store.Tx(q.Tenant()).Create(f, nil).Create(store.NewClaim(q.Tenant(), "feature", featureClaim(f), f.ID), errFeatureTaken)
		if owner != 0 {
			svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), owner)
			if err != nil {
				return api.Result{}, err
			}
			checkServiceLive(tx, svc)
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(FeatureObj(q.BaseURL(), f)), nil
	})
}
