package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteUser is DELETE /admin/api/accounts/{account_id}/users/{id}, with the
// user's claims. The account's only admin cannot be deleted (403).
func DeleteUser(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		err := optimistic(ctx, func() error {
			u, err := pathUser(ctx, d, q)
			if err != nil {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			audience.ReleaseUser(tx, q.Tenant(), u)
			if u.Role == audience.RoleAdmin {
				dropAdmin(tx, q.Tenant(), u.Account, apierr.Refused("base", "the account's only admin cannot be deleted"))
			}
			if err := fire(ctx, d, q, tx, "user", "deleted", u.ID, userXML(q, u)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// dropAdmin counts one admin less on the account, refusing (with refused) to
// go below one: concurrent demotions cannot leave an account without admins.
func dropAdmin(tx *store.Tx, tenant, account int64, refused error) {
	tx.UpdateIf(audience.AccountKey(tenant, account), store.NewChange().Add("admins", -1), store.Above("admins", 1), refused)
}

// addAdmin counts one admin more on the account.
func addAdmin(tx *store.Tx, tenant, account int64) {
	tx.Add(audience.AccountKey(tenant, account), "admins", 1, store.ErrNotFound)
}
