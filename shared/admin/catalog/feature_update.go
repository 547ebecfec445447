package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// updateFeature is PUT of a feature: name, system_name, description.
func updateFeature(d *deps.Deps, ofService bool) http.Handler {
	return oneFeature(d, ofService, api.Spec{Wrapper: "feature"}, func(ctx context.Context, q *api.Request, f *catalog.Feature) (api.Result, error) {
		oldClaim := featureClaim(f)
		if err := readFeature(q, f, false); err != nil {
			return api.Result{}, err
		}
		f.UpdatedAt = q.Now
		tx := d.Store.Tx(q.Tenant())
		tx.Update(f.Key, catalog.ChangeOf(f, "name", "system_name", "description", "updated_at"), store.ErrNotFound)
		if newClaim := featureClaim(f); newClaim != oldClaim {
			old := store.ClaimKey(q.Tenant(), "feature", oldClaim)
			tx.Delete(old.PK, old.SK).Create(store.NewClaim(q.Tenant(), "feature", newClaim, f.ID), errFeatureTaken)
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.OK(FeatureObj(q.BaseURL(), f)), nil
	})
}
