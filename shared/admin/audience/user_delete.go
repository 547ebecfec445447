package audience

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/admin/api"
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
			releaseUser(tx, q.Tenant(), u)
			if u.Role == RoleAdmin {
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
	k := AccountKey(tenant, account)
	tx.UpdateIf(k.PK, k.SK, "ADD admins :minus", "admins > :one", nil,
		map[string]types.AttributeValue{":minus": attr(int64(-1)), ":one": attr(int64(1))}, refused)
}

// addAdmin counts one admin more on the account.
func addAdmin(tx *store.Tx, tenant, account int64) {
	k := AccountKey(tenant, account)
	tx.Update(k.PK, k.SK, "ADD admins :one", nil, map[string]types.AttributeValue{":one": attr(int64(1))}, apierr.NotFound())
}
