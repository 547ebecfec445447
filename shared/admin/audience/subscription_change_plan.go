package audience

import (
	"context"
	"net/http"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// errSubChanged answers a change that raced with another change of the same subscription.
var errSubChanged = apierr.Msg(http.StatusConflict, "The subscription was changed by another request; retry")

// saveSub rewrites a subscription provided it is still the one read.
func saveSub(tx *store.Tx, s *audience.Subscription, seen time.Time) {
	tx.PutIf(s, store.UnchangedSince(seen), errSubChanged)
}

// ChangeServiceSubscriptionPlan is PUT .../service_subscriptions/{subscription_id}/change_plan;
// it answers with the new service plan.
func ChangeServiceSubscriptionPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "service_subscription", JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, sub, err := subOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		plan, err := servicePlanParam(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if plan.Service != sub.Service {
			return api.Result{}, apierr.Invalid("plan", "must belong to the same product")
		}
		if plan.ID != sub.Plan {
			old, seen := sub.Plan, sub.UpdatedAt
			sub.Plan, sub.UpdatedAt = plan.ID, q.Now
			tx := d.Store.Tx(q.Tenant())
			saveSub(tx, sub, seen)
			audience.AddContracts(tx, q.Tenant(), old, -1, errSubChanged)
			audience.AddContracts(tx, q.Tenant(), plan.ID, 1, store.ErrNotFound)
			if err := tx.Commit(ctx); err != nil {
				return api.Result{}, err
			}
			plan.Contracts++
		}
		return api.OK(api.PlanObj(q.BaseURL(), plan, isDefaultServicePlan(ctx, d, q.Tenant(), plan))), nil
	})
}

// isDefaultServicePlan tells whether plan is its service's default service plan.
func isDefaultServicePlan(ctx context.Context, d *deps.Deps, tenant int64, plan *catalog.Plan) bool {
	svc, err := catalog.LoadService(ctx, d.Store, tenant, plan.Service)
	return err == nil && svc.DefaultServicePlan == plan.ID
}
