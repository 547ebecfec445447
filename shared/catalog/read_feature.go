package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/deps"
)

// readFeatureOp is GET of one feature.
func readFeatureOp(d *deps.Deps, ofService bool) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		owner, err := featureOwner(ctx, d, q, ofService)
		if err != nil {
			return api.Result{}, err
		}
		f, err := loadFeature(ctx, d, q, owner)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(FeatureObj(q.BaseURL(), f)), nil
	})
}
