package audience

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// signupAppName names and describes the applications a signup creates, as 3scale does.
const signupAppName = "API signup"

// signupContract is what a signup makes on one service: a subscription and,
// with an application plan, an application.
type signupContract struct {
	svc     *catalog.Service
	subPlan *catalog.Plan
	appPlan *catalog.Plan // nil: no application
}

// signupContracts are the contracts of 3scale's signup express besides the
// account plan: on every service with a default application plan, and on the
// services of the service_plan_id and application_plan_id given, a
// subscription on the given service plan (else the service's default one)
// and an application on the given application plan (else the service's
// default one, when it has one). A plan that is not one of the tenant's
// plans of that type is not found.
func signupContracts(ctx context.Context, d *deps.Deps, q *api.Request) ([]*signupContract, error) {
	given := map[string]*catalog.Plan{}
	for _, f := range []struct{ param, typ string }{{"service_plan_id", catalog.ServicePlan}, {"application_plan_id", catalog.ApplicationPlan}} {
		id, ok, err := q.Int(f.param, 0)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if id <= 0 {
			return nil, store.ErrNotFound
		}
		p, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, f.typ)
		if err != nil {
			return nil, err
		}
		if p.Custom { // another application's own plan
			return nil, store.ErrNotFound
		}
		given[f.typ] = p
	}
	svcs, err := catalog.Services(ctx, d.Store, q.Tenant())
	if err != nil {
		return nil, err
	}
	var out []*signupContract
	used := 0
	for _, svc := range svcs {
		c := &signupContract{svc: svc}
		if p := given[catalog.ServicePlan]; p != nil && p.Service == svc.ID {
			c.subPlan = p
			used++
		}
		if p := given[catalog.ApplicationPlan]; p != nil && p.Service == svc.ID {
			c.appPlan = p
			used++
		} else if svc.DefaultApplicationPlan != 0 {
			if c.appPlan, err = audience.PlanLoad(ctx, d, q.Tenant(), svc.DefaultApplicationPlan); err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, err
			}
		}
		if c.subPlan == nil && c.appPlan == nil {
			continue
		}
		if c.subPlan == nil {
			if c.subPlan, err = defaultServicePlan(ctx, d, q.Tenant(), svc); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	if used < len(given) { // a plan of a service being deleted
		return nil, store.ErrNotFound
	}
	return out, nil
}

// errTooManyContracts refuses a signup whose contracts do not fit into one transaction.
var errTooManyContracts = apierr.Invalid("plans",
	"are too many for one signup: leave some services without a default application plan, and subscribe the account to them afterwards")

// addSignupContracts adds to tx the subscriptions and applications of the new
// account acc, with ids two per contract; it returns the applications.
func addSignupContracts(tx *audience.AppTx, acc *audience.Account, contracts []*signupContract, ids []int64, now time.Time) ([]*audience.Application, error) {
	var apps []*audience.Application
	for i, c := range contracts {
		sub := newSubscription(tx.Tenant(), ids[2*i], acc.ID, c.subPlan, now)
		if c.appPlan != nil {
			sub.Apps = 1
			app := &audience.Application{ID: ids[2*i+1], Account: acc.ID, Service: c.svc.ID, Plan: c.appPlan.ID,
				Name: signupAppName, Description: signupAppName, CreatedAt: now, UpdatedAt: now}
			completeApplication(app, c.svc, c.appPlan, now)
			tx.CreateApp(app)
			apps = append(apps, app)
		}
		tx.Subscribe(sub, nil)
	}
	if tx.Writes() > audience.MaxTxItems {
		return nil, errTooManyContracts
	}
	return apps, nil
}

// signupView is what the signup's XML nests in the account: its admin user,
// the plans it bought and its applications.
func signupView(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account, user *audience.User, plan *catalog.Plan,
	contracts []*signupContract, apps []*audience.Application) (AccountView, error) {
	view := AccountView{Users: []*audience.User{user}, Plan: plan, Apps: []*wire.Obj{}}
	views := newAppViews(d, q).know(acc, nil)
	for _, c := range contracts {
		view.Bought = append(view.Bought, boughtPlanObj(q.BaseURL(), c.subPlan, c.svc.DefaultServicePlan))
		if c.appPlan != nil {
			view.Bought = append(view.Bought, boughtPlanObj(q.BaseURL(), c.appPlan, c.svc.DefaultApplicationPlan))
			views.know(nil, c.svc, c.appPlan)
		}
	}
	for _, a := range apps {
		o, err := views.obj(ctx, a)
		if err != nil {
			return AccountView{}, err
		}
		view.Apps = append(view.Apps, o)
	}
	return view, nil
}
