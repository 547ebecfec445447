package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
)

// DecustomizeApplicationPlan is PUT .../applications/{application_id}/decustomize_plan:
// the application goes back to the plan its custom plan was copied from, and
// the custom plan is deleted. It answers with that plan; an application not
// on a custom plan gets its plan back unchanged. The move fires the
// application's updated event, as customize_plan does.
func DecustomizeApplicationPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		cur, err := audience.PlanLoad(ctx, d, q.Tenant(), app.Plan)
		if err != nil {
			return api.Result{}, err
		}
		if !cur.Custom {
			return appPlanOK(ctx, d, q, cur)
		}
		orig, err := audience.PlanLoad(ctx, d, q.Tenant(), cur.Original)
		if err != nil {
			return api.Result{}, err
		}
		tx := audience.NewAppTx(d, q.Tenant())
		if err := tx.DropCustomPlan(ctx, cur); err != nil {
			return api.Result{}, err
		}
		before := *app
		app.Plan, app.UpdatedAt = orig.ID, q.Now
		tx.Save(&before, app)
		tx.Contract(orig.ID, 1)
		if err := fire(ctx, d, q, tx.Tx, "application", "updated", app.ID, appXMLOn(ctx, d, q, app, orig)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		orig.Contracts++
		return appPlanOK(ctx, d, q, orig)
	})
}
