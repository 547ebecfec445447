package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// createPlan is POST of a plan of type typ; new plans start hidden.
func createPlan(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: typ}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ps, err := scopeOf(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		p := &catalog.Plan{Type: typ, State: "hidden", CreatedAt: q.Now, UpdatedAt: q.Now}
		if ps.svc != nil {
			p.Service = ps.svc.ID
		}
		if err := readPlan(q, p, true); err != nil {
			return api.Result{}, err
		}
		if p.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		tx := d.Store.Tx(q.Tenant())
		catalog.AddPlan(tx, q.Tenant(), p)
		if ps.svc != nil {
			checkServiceLive(tx, ps.svc)
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(ps.obj(q, p)), nil
	})
}
