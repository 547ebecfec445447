package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
)

// ChangeApplicationUserKey is PUT .../applications/{application_id}/change_user_key,
// a Turnpike extension: a new random user_key (32 hex characters), as 3scale's
// admin portal "Regenerate" button does. The old key stops working at once.
// A chosen key is set through the update's user_key instead.
func ChangeApplicationUserKey(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		before := *app
		app.UserKey, app.UpdatedAt = credential.NewKey(), q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		moveUserKey(tx.Tx, q.Tenant(), app, before.UserKey)
		if err := fire(ctx, d, q, tx.Tx, "application", "user_key_updated", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusOK)
	})
}
