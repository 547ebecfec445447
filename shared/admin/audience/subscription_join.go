package audience

import (
	"context"
	"errors"
	"net/http"
	"time"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// errSubscriptionRace means another request created or removed the
// subscription between our read and our commit; reading again settles it.
var errSubscriptionRace = errors.New("audience: the subscription changed concurrently")

// joinSubscription adds to tx what a new application of the account on svc
// needs: one more application on the account's subscription, or a new
// subscription on the service's default service plan.
func joinSubscription(ctx context.Context, d *deps.Deps, tx *audience.AppTx, account int64, svc *catalog.Service, now time.Time) error {
	tenant := tx.Tenant()
	k := audience.SubscriptionKey(tenant, account, svc.ID)
	var sub audience.Subscription
	err := d.Store.Get(ctx, k.PK, k.SK, &sub)
	if err == nil {
		audience.AddSubscriptionApps(tx.Tx, tenant, account, svc.ID, 1, errSubscriptionRace)
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	plan, err := defaultServicePlan(ctx, d, tenant, svc)
	if err != nil {
		return err
	}
	id, err := d.Store.NextID(ctx)
	if err != nil {
		return err
	}
	s := newSubscription(tenant, id, account, plan, now)
	s.Apps = 1
	tx.Subscribe(s, errSubscriptionRace)
	return nil
}

// errCannotSubscribe is 3scale's answer when a service has no service plan to subscribe with.
var errCannotSubscribe = apierr.Msg(http.StatusUnprocessableEntity, "You cannot subscribe to that service.")

// defaultServicePlan is the service's default service plan, else its first one.
func defaultServicePlan(ctx context.Context, d *deps.Deps, tenant int64, svc *catalog.Service) (*catalog.Plan, error) {
	if svc.DefaultServicePlan != 0 {
		p, err := catalog.LoadPlan(ctx, d.Store, tenant, svc.DefaultServicePlan, catalog.ServicePlan)
		if err == nil && p.Service == svc.ID {
			return p, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	var plans []*catalog.Plan
	q := store.Query{Index: store.GSI1, PK: catalog.PlansOf(tenant, svc.ID, catalog.ServicePlan)}
	if err := d.Store.All(ctx, q, &plans); err != nil {
		return nil, err
	}
	if len(plans) == 0 {
		return nil, errCannotSubscribe
	}
	return plans[0], nil
}

// newSubscription is a subscription on plan, live unless the plan requires approval.
func newSubscription(tenant, id, account int64, plan *catalog.Plan, now time.Time) *audience.Subscription {
	s := &audience.Subscription{
		Key:   audience.SubscriptionKey(tenant, account, plan.Service),
		Index: store.Index{GSI1PK: audience.SubscribersOf(tenant, plan.Service), GSI1SK: store.ID(id)},
		ID:    id, Account: account, Service: plan.Service, Plan: plan.ID, State: audience.AppLive, SetupFee: plan.SetupFee,
		CreatedAt: now, UpdatedAt: now, AcceptedAt: now,
	}
	if plan.ApprovalRequired {
		s.State, s.AcceptedAt = audience.AppPending, time.Time{}
	}
	return s
}
