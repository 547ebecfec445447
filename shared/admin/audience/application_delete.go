package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
)

// DeleteApplication is DELETE /admin/api/accounts/{account_id}/applications/{application_id}.
func DeleteApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		tx := audience.NewAppTx(d, q.Tenant())
		if err := tx.RemoveApplication(ctx, app); err != nil {
			return api.Result{}, err
		}
		if err := fire(ctx, d, q, tx.Tx, "application", "deleted", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
