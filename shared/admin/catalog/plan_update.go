package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// updatePlan is PUT of a plan of type typ. Only the attributes the API
// changes are written: the contracts counter belongs to the applications.
func updatePlan(d *deps.Deps, typ string) http.Handler {
	return onePlan(d, typ, api.Spec{Wrapper: typ}, func(ctx context.Context, q *api.Request, ps *planScope, p *catalog.Plan) (api.Result, error) {
		if err := readPlan(q, p, false); err != nil {
			return api.Result{}, err
		}
		p.UpdatedAt = q.Now
		tx := d.Store.Tx(q.Tenant())
		tx.Update(p.Key, catalog.ChangeOf(p, "name", "description", "state", "approval_required", "setup_fee", "cost_per_month",
			"trial_period_days", "cancellation_period", "updated_at"), store.ErrNotFound)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.OK(ps.obj(q, p)), nil
	})
}
