package audience

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ActivateUser is PUT /admin/api/accounts/{account_id}/users/{id}/activate.
// Activating the first user of an account waiting in "created" moves the
// account on: to "pending" when accounts need approval, else to "approved".
func ActivateUser(d *deps.Deps) http.Handler { return userEvent(d, audience.EventActivate) }

// SuspendUser is PUT /admin/api/accounts/{account_id}/users/{id}/suspend.
func SuspendUser(d *deps.Deps) http.Handler { return userEvent(d, audience.EventSuspend) }

// UnsuspendUser is PUT /admin/api/accounts/{account_id}/users/{id}/unsuspend.
func UnsuspendUser(d *deps.Deps) http.Handler { return userEvent(d, audience.EventUnsuspend) }

func userEvent(d *deps.Deps, event string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var u *audience.User
		err := optimistic(ctx, func() error {
			var err error
			if u, err = pathUser(ctx, d, q); err != nil {
				return err
			}
			to, err := audience.UserTransition(u.State, event)
			if err != nil || to == u.State {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			if event == audience.EventActivate {
				if err := activateAccount(ctx, d, q, tx, u.Account); err != nil {
					return err
				}
			}
			change(u.Key, u.UpdatedAt).set("state", to).set("updated_at", q.Now).in(tx)
			u.State, u.UpdatedAt = to, q.Now
			if err := fire(ctx, d, q, tx, "user", "updated", u.ID, userXML(q, u)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(UserObj(q.BaseURL(), u)), nil
	})
}

// activateAccount adds to tx the move of an account waiting in "created".
func activateAccount(ctx context.Context, d *deps.Deps, q *api.Request, tx *store.Tx, account int64) error {
	acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), account)
	if err != nil || acc.State != audience.AccountCreated {
		return err
	}
	plan, err := accountPlan(ctx, d.Store, q.Tenant(), acc)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	approval, err := approvalRequired(ctx, d.Store, q.Tenant(), plan)
	if err != nil {
		return err
	}
	moveAccount(tx, q.Tenant(), acc, audience.ActivatedAccountState(approval), q.Now)
	return nil
}
