package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// deleteFeature is DELETE of a feature; the plans offering it stop offering it.
func deleteFeature(d *deps.Deps, ofService bool) http.Handler {
	return oneFeature(d, ofService, api.Spec{}, func(ctx context.Context, q *api.Request, f *catalog.Feature) (api.Result, error) {
		var enabled []store.Key
		if err := d.Store.All(ctx, store.Query{Index: store.GSI1, PK: catalog.PlansWithFeature(q.Tenant(), f.ID)}, &enabled); err != nil {
			return api.Result{}, err
		}
		ck := store.ClaimKey(q.Tenant(), "feature", featureClaim(f))
		tx := d.Store.Tx(q.Tenant()).
			DeleteExisting(f.Key, store.ErrNotFound).
			Delete(ck.PK, ck.SK)
		if err := catalog.CommitWithDeletes(ctx, d.Store, q.Tenant(), tx, enabled); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
