package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/deps"
)

// readPlanOp is GET of one plan of type typ.
func readPlanOp(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ps, err := scopeOf(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		p, err := ps.load(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ps.obj(q, p)), nil
	})
}
