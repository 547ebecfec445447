package outbox

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListOutbox is GET /admin/api/outbox (a Turnpike extension): the emails sent
// or queued for the tenant's developers, oldest first, paginated.
func ListOutbox(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: Prefix}
		return api.ListQuery(ctx, d.Store, q, sel, "emails", api.Each(Obj))
	})
}

// Obj represents an email.
func Obj(e *Email) *wire.Obj {
	o := wire.NewObj("email").
		Set("id", e.ID).
		Set("kind", e.Kind)
	if e.Account != 0 {
		o.Set("account_id", e.Account)
	}
	return o.Set("to", e.To).
		Set("subject", e.Subject).
		Set("body", e.Body).
		Set("state", e.State).
		Set("created_at", e.CreatedAt).
		Set("sent_at", e.SentAt)
}
