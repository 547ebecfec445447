package audience

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/deps"
	"turnpike/shared/store"
	"turnpike/shared/wire"
)

// ListMessages is GET /admin/api/accounts/{account_id}/messages (a Turnpike
// extension): the messages the account received, oldest first, paginated.
func ListMessages(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		page, perPage := q.PageParams()
		var msgs []*Message
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: MessagePrefix(acc.ID)}
		total, err := d.Store.Page(ctx, sel, page, perPage, &msgs)
		if err != nil {
			return api.Result{}, err
		}
		items := make([]*wire.Obj, len(msgs))
		for i, m := range msgs {
			items[i] = MessageObj(q.BaseURL(), m)
		}
		return api.Listed(&wire.List{Name: "messages", Items: items, Page: &wire.Page{Number: page, PerPage: perPage, Total: total}}), nil
	})
}
