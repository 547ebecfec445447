package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteInvitation is DELETE /admin/api/accounts/{account_id}/invitations/{id}
// (a Turnpike extension): a pending invitation can no longer be accepted; an
// accepted one is only forgotten (its user stays).
func DeleteInvitation(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		err := optimistic(ctx, func() error {
			inv, err := pathInvitation(ctx, d, q)
			if err != nil {
				return err
			}
			tx := d.Store.Tx(q.Tenant()).DeleteIf(inv.Key, store.Is("state", inv.State), store.ErrStale)
			for _, k := range audience.InvitationClaims(q.Tenant(), inv) {
				tx.Delete(k.PK, k.SK)
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
