package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// appEvent is a state transition of an application (3scale's contract states).
type appEvent struct{ name, from, to string }

var (
	acceptApp  = appEvent{"accept", audience.AppPending, audience.AppLive}
	suspendApp = appEvent{"suspend", audience.AppLive, audience.AppSuspended}
	resumeApp  = appEvent{"resume", audience.AppSuspended, audience.AppLive}
)

// AcceptApplication is PUT .../applications/{application_id}/accept: pending → live.
func AcceptApplication(d *deps.Deps) http.Handler { return transitionApp(d, acceptApp) }

// SuspendApplication is PUT .../applications/{application_id}/suspend: live → suspended.
// The very next authorization of the application is refused.
func SuspendApplication(d *deps.Deps) http.Handler { return transitionApp(d, suspendApp) }

// ResumeApplication is PUT .../applications/{application_id}/resume: suspended → live.
func ResumeApplication(d *deps.Deps) http.Handler { return transitionApp(d, resumeApp) }

func transitionApp(d *deps.Deps, ev appEvent) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if app.State != ev.from {
			return api.Result{}, apierr.Invalid("state", `cannot transition via "`+ev.name+`"`)
		}
		before := *app
		app.State, app.UpdatedAt = ev.to, q.Now
		if ev.to == audience.AppLive && app.AcceptedAt.IsZero() {
			app.AcceptedAt = q.Now
		}
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		action := "updated"
		if ev == suspendApp {
			action = "suspended"
		}
		if err := fire(ctx, d, q, tx.Tx, "application", action, app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusOK)
	})
}
