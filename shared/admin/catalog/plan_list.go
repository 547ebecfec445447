package catalog

import (
	"context"
	"log/slog"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// listPlans is GET of the plans of type typ in a scope: a service's
// application or service plans, or the tenant's account plans (paginated).
func listPlans(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ps, err := scopeOf(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		dir := catalog.PlansDir(0, typ)
		if ps.svc != nil {
			dir = catalog.PlansDir(ps.svc.ID, typ)
		}
		return listDir(ctx, d.Store, q, dir, planKeyOf(q.Tenant()), planID, "plans", api.Each(func(p *catalog.Plan) *wire.Obj { return ps.obj(q, p) }))
	})
}

// listAllPlans is GET of every application or service plan of the tenant,
// across its services (paginated).
func listAllPlans(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		return listDir(ctx, d.Store, q, catalog.PlansDir(0, typ), planKeyOf(q.Tenant()), planID, "plans", func(plans []*catalog.Plan) ([]*wire.Obj, error) {
			svcs, err := servicesOf(ctx, d.Store, q.Tenant(), plans)
			if err != nil {
				return nil, err
			}
			var stale []*catalog.Plan
			out := make([]*wire.Obj, 0, len(plans))
			for _, p := range plans {
				svc := svcs[p.Service]
				if svc == nil || svc.State == catalog.ServiceDeleted {
					stale = append(stale, p) // left behind by an interrupted service delete
					continue
				}
				isDefault := p.ID == svc.DefaultApplicationPlan || p.ID == svc.DefaultServicePlan
				out = append(out, api.PlanObj(q.BaseURL(), p, isDefault))
			}
			if err := unlist(ctx, d.Store, q.Tenant(), stale); err != nil {
				slog.Warn("could not unlist plans of deleted services", "error", err)
			}
			return out, nil
		})
	})
}

// servicesOf reads the services of plans, by id.
func servicesOf(ctx context.Context, s *store.Store, t int64, plans []*catalog.Plan) (map[int64]*catalog.Service, error) {
	keys := make([]store.Key, 0, len(plans))
	for _, p := range plans {
		keys = append(keys, catalog.ServiceKey(t, p.Service))
	}
	var svcs []*catalog.Service
	if err := s.GetMany(ctx, keys, &svcs); err != nil {
		return nil, err
	}
	out := make(map[int64]*catalog.Service, len(svcs))
	for _, svc := range svcs {
		out[svc.ID] = svc
	}
	return out, nil
}

func planID(p *catalog.Plan) int64 { return p.ID }

func planKeyOf(t int64) func(int64) store.Key {
	return func(id int64) store.Key { return catalog.PlanKey(t, id) }
}
