package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadAccount is GET /admin/api/accounts/{account_id}.
func ReadAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return accountResult(ctx, d, q, acc)
	})
}
