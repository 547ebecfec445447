package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// readFeatureOp is GET of one feature.
func readFeatureOp(d *deps.Deps, ofService bool) http.Handler {
	return oneFeature(d, ofService, api.Spec{}, func(ctx context.Context, q *api.Request, f *catalog.Feature) (api.Result, error) {
		return api.OK(FeatureObj(q.BaseURL(), f)), nil
	})
}
