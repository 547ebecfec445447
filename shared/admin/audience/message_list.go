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

// ListMessages is GET /admin/api/accounts/{account_id}/messages (a Turnpike
// extension): the messages the account received, oldest first, paginated.
func ListMessages(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: audience.MessagePrefix(acc.ID)}
		return api.ListQuery(ctx, d.Store, q, sel, "messages", api.Each(func(m *audience.Message) *wire.Obj { return MessageObj(q.BaseURL(), m) }))
	})
}
