package audience

import (
	"context"
	"net/http"
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// CustomizeApplicationPlan is PUT .../applications/{application_id}/customize_plan:
// the application moves to a hidden copy of its plan, "<plan> (custom)", with
// copies of its usage limits, and the answer is that custom plan. An
// application already on a custom plan gets it back unchanged. The move fires
// the application's updated event (3scale saves the application on its new
// plan outside its plan-change path, which alone fires plan_changed).
func CustomizeApplicationPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		cur, err := audience.PlanLoad(ctx, d, q.Tenant(), app.Plan)
		if err != nil {
			return api.Result{}, err
		}
		if cur.Custom {
			return appPlanOK(ctx, d, q, cur)
		}
		limits, err := catalog.Limits(ctx, d.Store, q.Tenant(), cur.ID)
		if err != nil {
			return api.Result{}, err
		}
		ids, err := d.Store.NextIDs(ctx, 1+len(limits))
		if err != nil {
			return api.Result{}, err
		}
		custom := customPlan(q, cur, ids[0])
		copies := make([]*catalog.Limit, len(limits))
		for i, l := range limits {
			copies[i] = catalog.CopyLimit(q.Tenant(), l, custom.ID, ids[i+1], q.Now)
		}
		// Limits beyond one transaction go first: under a plan id nothing
		// refers to yet, they are invisible until the plan exists.
		fit := min(len(copies), (audience.MaxTxItems-10)/2)
		early := copies[fit:]
		if err := createLimits(ctx, d, q.Tenant(), early); err != nil {
			return api.Result{}, err
		}
		tx := audience.NewAppTx(d, q.Tenant())
		catalog.AddPlan(tx.Tx, q.Tenant(), custom)
		for _, c := range copies[:fit] {
			catalog.AddLimit(tx.Tx, q.Tenant(), c)
		}
		before := *app
		app.Plan, app.UpdatedAt = custom.ID, q.Now
		tx.Save(&before, app)
		tx.Contract(cur.ID, -1) // the custom plan is born with its one contract
		if err := fire(ctx, d, q, tx.Tx, "application", "updated", app.ID, appXMLOn(ctx, d, q, app, custom)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			_ = audience.DeleteLeftovers(ctx, d, q.Tenant(), catalog.LimitItems(q.Tenant(), early)) // best effort: nothing refers to them
			return api.Result{}, err
		}
		return appPlanOK(ctx, d, q, custom)
	})
}

// customPlan is the hidden copy of plan an application gets to itself.
func customPlan(q *api.Request, p *catalog.Plan, id int64) *catalog.Plan {
	c := *p
	c.ID = id // catalog.AddPlan sets its keys
	c.Name = p.Name + " (custom)"
	c.SystemName = p.SystemName + "_custom_" + strconv.FormatInt(q.Now.UnixMicro(), 10)
	c.State, c.Custom, c.Original, c.Contracts = "hidden", true, p.ID, 1
	c.CreatedAt, c.UpdatedAt = q.Now, q.Now
	return &c
}

// createLimits writes limits in transactions of at most MaxTxItems.
func createLimits(ctx context.Context, d *deps.Deps, tenant int64, limits []*catalog.Limit) error {
	for len(limits) > 0 {
		n := min(len(limits), audience.MaxTxItems/2)
		tx := d.Store.Tx(tenant)
		for _, l := range limits[:n] {
			catalog.AddLimit(tx, tenant, l)
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		limits = limits[n:]
	}
	return nil
}
