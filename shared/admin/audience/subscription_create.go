package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// CreateServiceSubscription is POST /admin/api/accounts/{account_id}/service_subscriptions:
// the account subscribes to the service of a service plan.
func CreateServiceSubscription(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "service_subscription", JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		accID, err := q.ID("account_id")
		if err != nil {
			return api.Result{}, err
		}
		acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), accID)
		if err != nil {
			return api.Result{}, err
		}
		plan, err := servicePlanParam(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), plan.Service); err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		sub := newSubscription(q.Tenant(), id, acc.ID, plan, q.Now)
		tx := d.Store.Tx(q.Tenant()).
			Create(sub, apierr.Invalid("base", "already subscribed to this service")).
			MustExist(acc.Key, store.ErrNotFound)
		audience.AddContracts(tx, q.Tenant(), plan.ID, 1, store.ErrNotFound)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(SubscriptionObj(q.Tenant(), sub)), nil
	})
}

// servicePlanParam loads the service plan named by plan_id; an unknown or missing plan is not found.
func servicePlanParam(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Plan, error) {
	id, _, err := q.Int("plan_id", 0)
	if err != nil {
		return nil, err
	}
	if id <= 0 {
		return nil, store.ErrNotFound
	}
	return catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, catalog.ServicePlan)
}
