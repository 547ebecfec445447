package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// createPlan is POST of a plan of type typ; new plans start hidden.
func createPlan(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: typ}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		ps, err := scopeOf(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		p := &Plan{Type: typ, State: "hidden", CreatedAt: q.Now, UpdatedAt: q.Now}
		if ps.svc != nil {
			p.Service = ps.svc.ID
		}
		if err := readPlan(q, p, true); err != nil {
			return api.Result{}, err
		}
		if p.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		tx := d.Store.Tx(q.Tenant())
		AddPlan(tx, q.Tenant(), p)
		if ps.svc != nil {
			checkServiceLive(tx, ps.svc)
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(ps.obj(q, p)), nil
	})
}

// AddPlan puts a new plan (its ID, Type, Service set) into tx: the plan with
// its key and indexes, its unique system name, its listings. The applications
// code creates custom plans with it.
func AddPlan(tx *store.Tx, t int64, p *Plan) {
	p.Key = PlanKey(t, p.ID)
	p.Index = planIndex(t, p)
	tx.Create(p, nil)
	tx.Create(store.NewClaim(t, "plan", planClaim(p), p.ID), apierr.Invalid("system_name", "has already been taken"))
	for _, dir := range planDirs(p) {
		dirAdd(tx, t, dir, p.ID)
	}
}

// planDirs are the directories listing a plan: its service's plans of its
// type, and all the tenant's plans of its type.
func planDirs(p *Plan) []string {
	if p.Service == 0 {
		return []string{plansDir(0, p.Type)}
	}
	return []string{plansDir(p.Service, p.Type), plansDir(0, p.Type)}
}
