package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadServiceSubscription is GET /admin/api/accounts/{account_id}/service_subscriptions/{subscription_id}.
func ReadServiceSubscription(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, sub, err := subOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(SubscriptionObj(q.Tenant(), sub)), nil
	})
}
