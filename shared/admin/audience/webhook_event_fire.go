package audience

import (
	"context"
	"errors"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// fire adds to tx the webhook event of a change this request makes (see
// webhook.Record), so the event is stored with the change or not at all.
// The object's XML is rendered only when the tenant wants the event. As in
// 3scale, requests authenticated by provider key fire nothing, and admin
// calls fire only with provider_actions on; developer-side changes (the
// portal signup, an invitation accepted) always fire.
func fire(ctx context.Context, d *deps.Deps, q *api.Request, tx *store.Tx, typ, action string, id int64, obj func() (*wire.Obj, error)) error {
	add, err := prepareEvent(ctx, d, q, typ, action, id, obj)
	if err == nil {
		add(tx)
	}
	return err
}

// prepareEvent is fire in two steps, for a change written by several
// transactions: the event goes into the one that makes the change visible.
func prepareEvent(ctx context.Context, d *deps.Deps, q *api.Request, typ, action string, id int64, obj func() (*wire.Obj, error)) (func(*store.Tx), error) {
	none := func(*store.Tx) {}
	if q.Who == nil || q.Who.ProviderKey {
		return none, nil
	}
	cfg, err := webhook.LoadConfig(ctx, d.Store, q.Tenant())
	if err != nil {
		return none, err
	}
	byProvider := !isDeveloperSide(q)
	if !cfg.Wants(typ, action, byProvider) {
		return none, nil
	}
	o, err := obj()
	if err != nil {
		return none, err
	}
	e, err := webhook.Prepare(ctx, d.Store, cfg, webhook.Change{Tenant: q.Tenant(), Type: typ, Action: action, Object: id,
		XML: o.XMLElement(), ByProvider: byProvider}, q.Now)
	if err != nil || e == nil {
		return none, err
	}
	var send webhook.Sender
	if d.Webhooks.Queue != nil {
		send = d.Webhooks.Queue
	}
	return func(tx *store.Tx) { e.AddTo(tx, send) }, nil
}

// developerSide marks a request made on a developer's behalf (the portal).
type developerSide struct{}

// onDeveloperSide marks q as made by a developer, not by the provider.
func onDeveloperSide(q *api.Request) {
	q.R = q.R.WithContext(context.WithValue(q.R.Context(), developerSide{}, true))
}

func isDeveloperSide(q *api.Request) bool { return q.R.Context().Value(developerSide{}) != nil }

// Object renderers for events: the same XML the API answers with.

func accountXML(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account) func() (*wire.Obj, error) {
	return func() (*wire.Obj, error) {
		users, err := audience.AccountUsers(ctx, d.Store, q.Tenant(), acc.ID)
		if err != nil {
			return nil, err
		}
		plan, err := accountPlan(ctx, d.Store, q.Tenant(), acc)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		return AccountObj(q.BaseURL(), acc, AccountView{Users: users, Plan: plan}), nil
	}
}

func userXML(q *api.Request, u *audience.User) func() (*wire.Obj, error) {
	return func() (*wire.Obj, error) { return UserObj(q.BaseURL(), u), nil }
}

func appXML(ctx context.Context, d *deps.Deps, q *api.Request, a *audience.Application) func() (*wire.Obj, error) {
	return func() (*wire.Obj, error) { return newAppViews(d, q).obj(ctx, a) }
}

// fireSignup adds the events of a signup: the account, its admin user and
// each application created with it.
func fireSignup(ctx context.Context, d *deps.Deps, q *api.Request, tx *store.Tx, acc *audience.Account, user *audience.User, view AccountView) error {
	if err := fire(ctx, d, q, tx, "account", "created", acc.ID, func() (*wire.Obj, error) {
		return AccountObj(q.BaseURL(), acc, AccountView{Users: view.Users, Plan: view.Plan, Bought: view.Bought}), nil
	}); err != nil {
		return err
	}
	if err := fire(ctx, d, q, tx, "user", "created", user.ID, userXML(q, user)); err != nil {
		return err
	}
	for _, o := range view.Apps {
		id, _ := o.Get("id")
		n, _ := id.(int64)
		if err := fire(ctx, d, q, tx, "application", "created", n, func() (*wire.Obj, error) { return o, nil }); err != nil {
			return err
		}
	}
	return nil
}
