package accesstoken

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadToken is GET /admin/api/personal/access_tokens/{id} (JSON only); {id}
// is the token's id or its value.
func ReadToken(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ref, err := loadOwned(ctx, d.Store, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(Obj(ref, "")), nil
	})
}
