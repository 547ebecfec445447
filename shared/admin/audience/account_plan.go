package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// FetchAccountPlan is GET /admin/api/accounts/{account_id}/plan: the account plan the account bought.
func FetchAccountPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		plan, err := accountPlan(ctx, d.Store, q.Tenant(), acc)
		if err != nil {
			return api.Result{}, err
		}
		if plan == nil {
			return api.Result{}, store.ErrNotFound
		}
		return api.OK(api.PlanObj(q.BaseURL(), plan, false)), nil
	})
}

// ChangeAccountPlan is PUT /admin/api/accounts/{account_id}/change_plan: it
// answers the plan now bought (the same plan again changes nothing).
func ChangeAccountPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, ok, err := q.Int("plan_id", 0)
		if err != nil {
			return api.Result{}, err
		}
		if !ok {
			return api.Result{}, apierr.Invalid("plan_id", "can't be blank")
		}
		if id <= 0 {
			return api.Result{}, store.ErrNotFound
		}
		plan, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, catalog.AccountPlan)
		if err != nil {
			return api.Result{}, err
		}
		err = optimistic(ctx, func() error {
			acc, err := pathAccount(ctx, d, q)
			if err != nil || acc.Plan == plan.ID {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			change(acc.Key, acc.UpdatedAt).set("plan", plan.ID).set("updated_at", q.Now).in(tx)
			addContract(tx, q.Tenant(), plan.ID, 1)
			if acc.Plan != 0 {
				addContract(tx, q.Tenant(), acc.Plan, -1)
			}
			acc.Plan, acc.UpdatedAt = plan.ID, q.Now
			if err := fire(ctx, d, q, tx, "account", "plan_changed", acc.ID, accountXML(ctx, d, q, acc)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(api.PlanObj(q.BaseURL(), plan, false)), nil
	})
}

// addContract counts contracts on a plan: a plan in use cannot be deleted.
func addContract(tx *store.Tx, tenant, plan, n int64) *store.Tx {
	return tx.Add(catalog.PlanKey(tenant, plan), "contracts", n, store.ErrNotFound)
}
