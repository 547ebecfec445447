package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListInvitations is GET /admin/api/accounts/{account_id}/invitations (a Turnpike extension), paginated.
func ListInvitations(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: audience.InvitationPrefix(acc.ID)}
		return api.ListQuery(ctx, d.Store, q, sel, "invitations", api.Each(func(inv *audience.Invitation) *wire.Obj { return InvitationObj(q.BaseURL(), inv) }))
	})
}

// ReadInvitation is GET /admin/api/accounts/{account_id}/invitations/{id} (a Turnpike extension).
func ReadInvitation(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		inv, err := pathInvitation(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(InvitationObj(q.BaseURL(), inv)), nil
	})
}

func pathInvitation(ctx context.Context, d *deps.Deps, q *api.Request) (*audience.Invitation, error) {
	acc, id, err := memberIDs(q, "id")
	if err != nil {
		return nil, err
	}
	return audience.LoadInvitation(ctx, d.Store, q.Tenant(), acc, id)
}
