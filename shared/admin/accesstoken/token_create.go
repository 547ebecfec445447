package accesstoken

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
)

// CreateToken is POST /admin/api/personal/access_tokens (JSON only, wrapper
// "token"). The global lookup item (keyed by the value's digest) and the
// tenant's listing item are written in one transaction; the value is shown
// in this answer only.
func CreateToken(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true, Wrapper: "token"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		user, err := owner(q)
		if err != nil {
			return api.Result{}, err
		}
		in, err := readInput(q)
		if err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		value := credential.NewAccessToken()
		it := &credential.TokenItem{Key: credential.TokenKey(value), ID: id, Tenant: q.Tenant(), User: user, Name: in.Name,
			Permission: in.Permission, Scopes: in.Scopes, CreatedAt: q.Now, ExpiresAt: in.ExpiresAt}
		ref := &tenant.TokenRef{Key: tenant.TokenRefKey(q.Tenant(), id), ID: id, User: user, Name: in.Name,
			Permission: in.Permission, Scopes: in.Scopes, Digest: it.PK, CreatedAt: q.Now, ExpiresAt: in.ExpiresAt}
		if err := d.Store.Tx(q.Tenant()).Create(it, nil).Create(ref, nil).Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(Obj(ref, value)), nil
	})
}
