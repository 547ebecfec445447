package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// ApproveServiceSubscription is PUT .../service_subscriptions/{subscription_id}/approve: pending → live.
func ApproveServiceSubscription(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, sub, err := subOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if sub.State != audience.AppPending {
			return api.Result{}, apierr.Invalid("state", `cannot transition via "approve"`)
		}
		seen := sub.UpdatedAt
		sub.State, sub.AcceptedAt, sub.UpdatedAt = audience.AppLive, q.Now, q.Now
		tx := d.Store.Tx(q.Tenant())
		saveSub(tx, sub, seen)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.OK(SubscriptionObj(q.Tenant(), sub)), nil
	})
}
