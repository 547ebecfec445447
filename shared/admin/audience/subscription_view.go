package audience

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// SubscriptionObj represents a service subscription (JSON only, as in 3scale).
func SubscriptionObj(tenant int64, s *audience.Subscription) *wire.Obj {
	return wire.NewObj("service_subscription").
		Set("id", s.ID).
		Set("plan_id", s.Plan).
		Set("user_account_id", s.Account).
		Set("created_at", s.CreatedAt).
		Set("updated_at", s.UpdatedAt).
		Set("state", s.State).
		Set("setup_fee", railsDecimal(s.SetupFee)).
		Set("type", "ServiceContract").
		Set("tenant_id", tenant).
		Set("service_id", s.Service).
		Set("accepted_at", s.AcceptedAt)
}

// railsDecimal renders a database decimal the way Rails serializes one: a string such as "0.0".
func railsDecimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// accountSubscriptions lists an account's subscriptions in id order (one consistent Query).
func accountSubscriptions(ctx context.Context, d *deps.Deps, tenant, account int64) ([]*audience.Subscription, error) {
	var subs []*audience.Subscription
	if err := d.Store.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: audience.SubscriptionPrefix(account)}, &subs); err != nil {
		return nil, err
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].ID < subs[j].ID })
	return subs, nil
}

// subOfPath loads the account and the subscription named by the path.
func subOfPath(ctx context.Context, d *deps.Deps, q *api.Request) (*audience.Account, *audience.Subscription, error) {
	accID, subID, err := memberIDs(q, "subscription_id")
	if err != nil {
		return nil, nil, err
	}
	acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), accID)
	if err != nil {
		return nil, nil, err
	}
	subs, err := accountSubscriptions(ctx, d, q.Tenant(), acc.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range subs {
		if s.ID == subID {
			return acc, s, nil
		}
	}
	return nil, nil, store.ErrNotFound
}

func subscriptionList(tenant int64, subs []*audience.Subscription) *wire.List {
	l := &wire.List{Name: "service_subscriptions"}
	for _, s := range subs {
		l.Items = append(l.Items, SubscriptionObj(tenant, s))
	}
	return l
}
