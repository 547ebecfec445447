package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
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
			return api.Result{}, store.ErrNotFound
		}
		plan, err := audience.PlanLoad(ctx, d, q.Tenant(), id)
		if err != nil {
			return api.Result{}, err
		}
		if plan.ID == app.Plan {
			return appPlanOK(ctx, d, q, plan)
		}
		if plan.Service != app.Service || plan.Custom {
			return api.Result{}, store.ErrNotFound
		}
		tx := audience.NewAppTx(d, q.Tenant())
		if err := tx.LeavePlan(ctx, app); err != nil {
			return api.Result{}, err
		}
		before := *app
		app.Plan, app.UpdatedAt = plan.ID, q.Now
		tx.Save(&before, app)
		tx.Contract(plan.ID, 1)
		if err := fire(ctx, d, q, tx.Tx, "application", "plan_changed", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		plan.Contracts++
		return appPlanOK(ctx, d, q, plan)
	})
}

// appPlanOK answers with an application plan, marked default when it is its service's default.
func appPlanOK(ctx context.Context, d *deps.Deps, q *api.Request, p *catalog.Plan) (api.Result, error) {
	isDefault := false
	if svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), p.Service); err == nil {
		isDefault = svc.DefaultApplicationPlan == p.ID
	}
	o := api.PlanObj(q.BaseURL(), p, isDefault)
	if q.Format == api.XML {
		o.Name = "plan" // 3scale's XML names every plan <plan>
	}
	return api.OK(o), nil
}
