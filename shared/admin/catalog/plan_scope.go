package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// planScope is where a request's plans live: a service's application or
// service plans, or the tenant's account plans. It knows the default plan.
type planScope struct {
	typ       string
	svc       *catalog.Service // nil for account plans
	defaultID int64
}

// scopeOf reads the scope of a plan request: the service of the path for
// application and service plans.
func scopeOf(ctx context.Context, d *deps.Deps, q *api.Request, typ string) (*planScope, error) {
	ps := &planScope{typ: typ}
	if typ == catalog.AccountPlan {
		id, err := catalog.DefaultAccountPlanID(ctx, d.Store, q.Tenant())
		ps.defaultID = id
		return ps, err
	}
	svc, err := pathService(ctx, d, q)
	if err != nil {
		return nil, err
	}
	ps.svc = svc
	ps.defaultID = svc.DefaultApplicationPlan
	if typ == catalog.ServicePlan {
		ps.defaultID = svc.DefaultServicePlan
	}
	return ps, nil
}

// load reads the plan named by {plan_id}; it must belong to the scope.
func (ps *planScope) load(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Plan, error) {
	id, err := q.ID("plan_id")
	if err != nil {
		return nil, err
	}
	p, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, ps.typ)
	if err != nil {
		return nil, err
	}
	if ps.svc != nil && p.Service != ps.svc.ID {
		return nil, store.ErrNotFound
	}
	return p, nil
}

// onePlan serves an operation on the plan of type typ named by the path.
func onePlan(d *deps.Deps, typ string, spec api.Spec, h func(context.Context, *api.Request, *planScope, *catalog.Plan) (api.Result, error)) http.Handler {
	return api.Admin(d, spec, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ps, err := scopeOf(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		p, err := ps.load(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return h(ctx, q, ps, p)
	})
}

func (ps *planScope) obj(q *api.Request, p *catalog.Plan) *wire.Obj {
	return api.PlanObj(q.BaseURL(), p, p.ID == ps.defaultID)
}

// defaultAttr is the service attribute naming the default plan of the scope's type.
func (ps *planScope) defaultAttr() string {
	if ps.typ == catalog.ServicePlan {
		return "default_service_plan"
	}
	return "default_application_plan"
}

// setDefault adds to tx: the plan becomes the scope's default.
func (ps *planScope) setDefault(tx *store.Tx, t int64, p *catalog.Plan) {
	tx.MustExist(p.Key, store.ErrNotFound)
	if ps.svc == nil {
		tx.Put(&catalog.DefaultPlanRef{Key: catalog.DefaultAccountPlanKey(t), Plan: p.ID})
		return
	}
	tx.UpdateIf(ps.svc.Key, store.NewChange().Set(ps.defaultAttr(), p.ID),
		store.Exists().And(store.IsNot("state", catalog.ServiceDeleted)), store.ErrNotFound)
}

// errDefaultMoved answers a delete that raced with a change of the default plan.
var errDefaultMoved = apierr.Msg(http.StatusConflict, "The default plan changed meanwhile; retry")

// clearDefault adds to tx: the plan, being deleted, stops being the default.
func (ps *planScope) clearDefault(tx *store.Tx, t int64, p *catalog.Plan) {
	if p.ID != ps.defaultID {
		return
	}
	if ps.svc == nil {
		tx.DeleteIf(catalog.DefaultAccountPlanKey(t), store.Is("plan", p.ID), errDefaultMoved)
		return
	}
	tx.UpdateIf(ps.svc.Key, store.NewChange().Remove(ps.defaultAttr()), store.Is(ps.defaultAttr(), p.ID), errDefaultMoved)
}
