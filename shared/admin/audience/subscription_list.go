package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ListServiceSubscriptions is GET /admin/api/accounts/{account_id}/service_subscriptions.
func ListServiceSubscriptions(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		subs, err := accountSubscriptions(ctx, d, q.Tenant(), acc.ID)
		if err != nil {
			return api.Result{}, err
		}
		return api.Listed(subscriptionList(q.Tenant(), subs)), nil
	})
}

// ListServiceSubscribers is GET /admin/api/services/{service_id}/service_subscriptions,
// a Turnpike extension: every subscription to a service, to find who to
// contact or unsubscribe when the service is deprecated.
func ListServiceSubscribers(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sid, err := q.ID("service_id")
		if err != nil {
			return api.Result{}, err
		}
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), sid)
		if err != nil {
			return api.Result{}, err
		}
		var subs []*audience.Subscription
		if err := d.Store.All(ctx, store.Query{Index: store.GSI1, PK: audience.SubscribersOf(q.Tenant(), svc.ID)}, &subs); err != nil {
			return api.Result{}, err
		}
		return api.Listed(subscriptionList(q.Tenant(), subs)), nil
	})
}
