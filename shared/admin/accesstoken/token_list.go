package accesstoken

import (
	"context"
	"net/http"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListTokens is GET /admin/api/personal/access_tokens (JSON only): the
// caller's tokens, those whose name contains name when it is given.
func ListTokens(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		user, err := owner(q)
		if err != nil {
			return api.Result{}, err
		}
		name, _, err := q.Str("name")
		if err != nil {
			return api.Result{}, err
		}
		var refs []*tenant.TokenRef
		sel := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: Prefix, Filter: store.Is("user", user)}
		if err := d.Store.All(ctx, sel, &refs); err != nil {
			return api.Result{}, err
		}
		items := []*wire.Obj{}
		for _, r := range refs {
			if strings.Contains(strings.ToLower(r.Name), strings.ToLower(name)) {
				items = append(items, Obj(r, ""))
			}
		}
		return api.Listed(&wire.List{Name: "access_tokens", Items: items}), nil
	})
}
