package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadApplication is GET /admin/api/accounts/{account_id}/applications/{application_id}.
func ReadApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusOK)
	})
}
