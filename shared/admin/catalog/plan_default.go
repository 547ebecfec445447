package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// setDefaultPlan is PUT .../{plan_id}/default: the plan becomes the default of its type.
func setDefaultPlan(d *deps.Deps, typ string) http.Handler {
	return onePlan(d, typ, api.Spec{Wrapper: typ}, func(ctx context.Context, q *api.Request, ps *planScope, p *catalog.Plan) (api.Result, error) {
		tx := d.Store.Tx(q.Tenant())
		ps.setDefault(tx, q.Tenant(), p)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		ps.defaultID = p.ID
		return api.OK(ps.obj(q, p)), nil
	})
}
