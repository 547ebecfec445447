package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// readPlanOp is GET of one plan of type typ.
func readPlanOp(d *deps.Deps, typ string) http.Handler {
	return onePlan(d, typ, api.Spec{}, func(ctx context.Context, q *api.Request, ps *planScope, p *catalog.Plan) (api.Result, error) {
		return api.OK(ps.obj(q, p)), nil
	})
}
