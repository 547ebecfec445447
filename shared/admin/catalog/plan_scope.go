package catalog

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// planScope is where a request's plans live: a service's application or
// service plans, or the tenant's account plans. It knows the default plan.
type planScope struct {
	typ       string
	svc       *Service // nil for account plans
	defaultID int64
}

// scopeOf reads the scope of a plan request: the service of the path for
// application and service plans.
func scopeOf(ctx context.Context, d *deps.Deps, q *api.Request, typ string) (*planScope, error) {
	ps := &planScope{typ: typ}
	if typ == AccountPlan {
		id, err := defaultAccountPlanID(ctx, d.Store, q.Tenant())
		ps.defaultID = id
		return ps, err
	}
	svc, err := pathService(ctx, d, q)
	if err != nil {
		return nil, err
	}
	ps.svc = svc
	ps.defaultID = svc.DefaultApplicationPlan
	if typ == ServicePlan {
		ps.defaultID = svc.DefaultServicePlan
	}
	return ps, nil
}

// load reads the plan named by {plan_id}; it must belong to the scope.
func (ps *planScope) load(ctx context.Context, d *deps.Deps, q *api.Request) (*Plan, error) {
	id, err := q.ID("plan_id")
	if err != nil {
		return nil, err
	}
	p, err := LoadPlan(ctx, d.Store, q.Tenant(), id, ps.typ)
	if err != nil {
		return nil, err
	}
	if ps.svc != nil && p.Service != ps.svc.ID {
		return nil, store.ErrNotFound
	}
	return p, nil
}

// onePlan serves an operation on the plan of type typ named by the path.
func onePlan(d *deps.Deps, typ string, spec api.Spec, h func(context.Context, *api.Request, *planScope, *Plan) (api.Result, error)) http.Handler {
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

func (ps *planScope) obj(q *api.Request, p *Plan) *wire.Obj {
	return PlanObj(q.BaseURL(), p, p.ID == ps.defaultID)
}

// defaultAttr is the service attribute naming the default plan of the scope's type.
func (ps *planScope) defaultAttr() string {
	if ps.typ == ServicePlan {
		return "default_service_plan"
	}
	return "default_application_plan"
}

// setDefault adds to tx: the plan becomes the scope's default.
func (ps *planScope) setDefault(tx *store.Tx, t int64, p *Plan) {
	tx.MustExist(p.Key, store.ErrNotFound)
	if ps.svc == nil {
		tx.Put(&DefaultPlanRef{Key: DefaultAccountPlanKey(t), Plan: p.ID})
		return
	}
	tx.UpdateIf(ps.svc.Key, store.NewChange().Set(ps.defaultAttr(), p.ID),
		store.Exists().And(store.IsNot("state", ServiceDeleted)), store.ErrNotFound)
}

// errDefaultMoved answers a delete that raced with a change of the default plan.
var errDefaultMoved = apierr.Msg(http.StatusConflict, "The default plan changed meanwhile; retry")

// clearDefault adds to tx: the plan, being deleted, stops being the default.
func (ps *planScope) clearDefault(tx *store.Tx, t int64, p *Plan) {
	if p.ID != ps.defaultID {
		return
	}
	if ps.svc == nil {
		tx.DeleteIf(DefaultAccountPlanKey(t), store.Is("plan", p.ID), errDefaultMoved)
		return
	}
	tx.UpdateIf(ps.svc.Key, store.NewChange().Remove(ps.defaultAttr()), store.Is(ps.defaultAttr(), p.ID), errDefaultMoved)
}

// defaultAccountPlanID reads the id of the tenant's default account plan (0 = none).
func defaultAccountPlanID(ctx context.Context, s *store.Store, t int64) (int64, error) {
	var ref DefaultPlanRef
	k := DefaultAccountPlanKey(t)
	if err := s.Get(ctx, k.PK, k.SK, &ref); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	return ref.Plan, nil
}

// DefaultAccountPlan is the tenant's default account plan, or nil when it has none.
// Signups read its approval_required.
func DefaultAccountPlan(ctx context.Context, s *store.Store, t int64) (*Plan, error) {
	id, err := defaultAccountPlanID(ctx, s, t)
	if err != nil || id == 0 {
		return nil, err
	}
	p, err := LoadPlan(ctx, s, t, id, AccountPlan)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	return p, nil
}
