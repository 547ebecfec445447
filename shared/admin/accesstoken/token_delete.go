package accesstoken

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
)

// DeleteToken is DELETE /admin/api/personal/access_tokens/{id} (JSON only):
// the token stops working at once (both items go in one transaction).
func DeleteToken(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ref, err := loadOwned(ctx, d.Store, q)
		if err != nil {
			return api.Result{}, err
		}
		lookup := credential.TokenKey("")
		lookup.PK = ref.Digest // the listing item keeps the lookup item's partition key
		if err := d.Store.Tx(q.Tenant()).Delete(ref.PK, ref.SK).Delete(lookup.PK, lookup.SK).Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
