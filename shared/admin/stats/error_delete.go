package stats

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/deps"
)

// DeleteErrors is DELETE /admin/api/services/{service_id}/errors: forget the
// service's integration errors (3scale's backend offers the same).
func DeleteErrors(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sid, err := errorsOf(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if err := usagelog.DeleteErrors(ctx, d.Store, q.Tenant(), sid); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
