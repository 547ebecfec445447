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
		tx := d.Store.Tx(q.Tenant())
		deltas := contractDeltas{}
		later, err := removeApp(ctx, d, tx, q.Tenant(), app, deltas)
		if err != nil {
			return api.Result{}, err
		}
		deltas.apply(tx, q.Tenant())
		k := SubscriptionKey(q.Tenant(), app.Account, app.Service)
		var sub Subscription
		if err := d.Store.Get(ctx, k.PK, k.SK, &sub); err == nil {
			addSubscriptionApps(tx, q.Tenant(), app.Account, app.Service, -1, errAppChanged)
		} else if !errors.Is(err, store.ErrNotFound) {
			return api.Result{}, err
		}
		if err := commitThenDelete(ctx, d, tx, q.Tenant(), later); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// removeApp adds to tx the deletion of an application as read, and ends its
// contract on its plan (see leavePlan). The subscription's count of
// applications is the caller's.
func removeApp(ctx context.Context, d *deps.Deps, tx *store.Tx, tenant int64, app *Application, deltas contractDeltas) ([]store.Key, error) {
	dropApp(tx, tenant, app)
	return leavePlan(ctx, d, tx, tenant, app, deltas)
}
