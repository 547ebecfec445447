package audience

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/catalog"
	"turnpike/shared/deps"
	"turnpike/shared/store"
)

// ChangeApplicationPlan is PUT .../applications/{application_id}/change_plan:
// the application moves to another (non-custom) application plan of its
// service; a custom plan it leaves is deleted. It answers with the new plan.
func ChangeApplicationPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "application"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		id, _, err := q.Int("plan_id", 0)
		if err != nil {
			return api.Result{}, err
		}
		if id <= 0 {
			return api.Result{}, apierr.NotFound()
		}
		plan, err := planLoad(ctx, d, q.Tenant(), id)
		if err != nil {
			return api.Result{}, err
		}
		if plan.ID == app.Plan {
			return appPlanOK(ctx, d, q, plan)
		}
		if plan.Service != app.Service || plan.Custom {
			return api.Result{}, apierr.NotFound()
		}
		tx := d.Store.Tx(q.Tenant())
		deltas := contractDeltas{}
		later, err := leavePlan(ctx, d, tx, q.Tenant(), app, deltas)
		if err != nil {
			return api.Result{}, err
		}
		deltas.apply(tx, q.Tenant())
		seen := app.UpdatedAt
		app.Plan, app.UpdatedAt = plan.ID, q.Now
		saveApp(tx, q.Tenant(), app, seen)
		addContracts(tx, q.Tenant(), plan.ID, 1, apierr.NotFound())
		if err := commitThenDelete(ctx, d, tx, q.Tenant(), later); err != nil {
			return api.Result{}, err
		}
		plan.Contracts++
		return appPlanOK(ctx, d, q, plan)
	})
}

// leavePlan ends the application's contract on its current plan: the plan's
// counter goes down in deltas, or a custom plan is deleted in tx with its
// limits (those that do not fit are returned, to delete after the commit).
func leavePlan(ctx context.Context, d *deps.Deps, tx *store.Tx, tenant int64, app *Application, deltas contractDeltas) ([]store.Key, error) {
	cur, err := planLoad(ctx, d, tenant, app.Plan)
	if err != nil {
		if apierr.As(err).HTTP == http.StatusNotFound {
			return nil, nil
		}
		return nil, err
	}
	if cur.Custom {
		return dropCustomPlan(ctx, d, tx, tenant, cur)
	}
	deltas[cur.ID]--
	return nil, nil
}

// contractDeltas gathers changes of plan contract counters, so that a
// transaction touching many applications updates each plan once.
type contractDeltas map[int64]int64

func (c contractDeltas) apply(tx *store.Tx, tenant int64) {
	for plan, n := range c {
		if n != 0 {
			addContracts(tx, tenant, plan, n, errAppChanged)
		}
	}
}

// commitThenDelete commits tx, then deletes what did not fit into it.
func commitThenDelete(ctx context.Context, d *deps.Deps, tx *store.Tx, tenant int64, later []store.Key) error {
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	return deleteLeftovers(ctx, d, tenant, later)
}

// appPlanOK answers with an application plan, marked default when it is its service's default.
func appPlanOK(ctx context.Context, d *deps.Deps, q *api.Request, p *catalog.Plan) (api.Result, error) {
	isDefault := false
	if svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), p.Service); err == nil {
		isDefault = svc.DefaultApplicationPlan == p.ID
	}
	return api.OK(catalog.PlanObj(q.BaseURL(), p, isDefault)), nil
}
