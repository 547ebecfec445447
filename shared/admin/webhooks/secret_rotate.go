package webhooks

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
)

// RotateSecret is PUT /admin/api/webhooks/secret/rotate (a Turnpike
// extension): a new signing secret; deliveries from now on use it.
func RotateSecret(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		c, err := webhook.RotateSecret(ctx, d.Store, q.Tenant(), q.Now)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(Obj(c)), nil
	})
}
