package audience

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/deps"
	"turnpike/shared/store"
)

// DeleteApplication is DELETE /admin/api/accounts/{account_id}/applications/{application_id}.
func DeleteApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		tx := newAppTx(d, q.Tenant())
		if err := tx.remove(ctx, app); err != nil {
			return api.Result{}, err
		}
		k := SubscriptionKey(q.Tenant(), app.Account, app.Service)
		var sub Subscription
		if err := d.Store.Get(ctx, k.PK, k.SK, &sub); err == nil {
			addSubscriptionApps(tx.Tx, q.Tenant(), app.Account, app.Service, -1, errAppChanged)
		} else if !errors.Is(err, store.ErrNotFound) {
			return api.Result{}, err
		}
		if err := tx.commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
