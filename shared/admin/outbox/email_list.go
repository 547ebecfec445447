// Package outbox serves the tenant's outbox: the emails Turnpike sends to
// developers (shared/model/outbox keeps them).
package outbox

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/outbox"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ListOutbox is GET /admin/api/outbox (a Turnpike extension): the emails sent
// or queued for the tenant's developers, oldest first, paginated.
func ListOutbox(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: outbox.Prefix}
		return api.ListQuery(ctx, d.Store, q, sel, "emails", api.Each(Obj))
	})
}
