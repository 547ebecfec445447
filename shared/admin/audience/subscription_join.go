package audience

import (
	"context"
	"errors"
	"net/http"
	"time"

	"turnpike/shared/admin/catalog"
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
func joinSubscription(ctx context.Context, d *deps.Deps, tx *appTx, account int64, svc *catalog.Service, now time.Time) error {
	tenant := tx.tenant
	k := SubscriptionKey(tenant, account, svc.ID)
	var sub Subscription
	err := d.Store.Get(ctx, k.PK, k.SK, &sub)
	if err == nil {
		addSubscriptionApps(tx.Tx, tenant, account, svc.ID, 1, errSubscriptionRace)
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
	tx.subscribe(s, errSubscriptionRace)
	return nil
}

// subscribe adds a new subscription to tx, counted as a contract on its plan;
// an existing subscription of the account to the service fails the commit
// with taken.
func (t *appTx) subscribe(s *Subscription, taken error) {
	t.Create(s, taken)
	t.contract(s.Plan, 1)
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
func newSubscription(tenant, id, account int64, plan *catalog.Plan, now time.Time) *Subscription {
	s := &Subscription{
		Key:   SubscriptionKey(tenant, account, plan.Service),
		Index: store.Index{GSI1PK: SubscribersOf(tenant, plan.Service), GSI1SK: store.ID(id)},
		ID:    id, Account: account, Service: plan.Service, Plan: plan.ID, State: AppLive, SetupFee: plan.SetupFee,
		CreatedAt: now, UpdatedAt: now, AcceptedAt: now,
	}
	if plan.ApprovalRequired {
		s.State, s.AcceptedAt = AppPending, time.Time{}
	}
	return s
}
