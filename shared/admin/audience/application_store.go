package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/admin/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// errAppChanged answers a change that raced with another change of the same
// application: nothing was written, the client may simply retry.
var errAppChanged = apierr.Msg(http.StatusConflict, "The application was changed by another request; retry")

// maxTxItems leaves room in DynamoDB's 100-item transaction for the tenant
// version bump and the few items around a bulk copy or deletion.
const maxTxItems = 90

// limitsInTx bounds the transaction a custom plan's limits are deleted in,
// leaving room for the other applications of an unsubscription.
const limitsInTx = 30

// appOfPath loads the developer account and the application named by the path;
// an application of another account is not found.
func appOfPath(ctx context.Context, d *deps.Deps, q *api.Request) (*Account, *Application, error) {
	accID, err := q.ID("account_id")
	if err != nil {
		return nil, nil, err
	}
	appID, err := q.ID("application_id")
	if err != nil {
		return nil, nil, err
	}
	acc, err := LoadAccount(ctx, d.Store, q.Tenant(), accID)
	if err != nil {
		return nil, nil, err
	}
	app, err := LoadApplication(ctx, d.Store, q.Tenant(), appID)
	if err != nil {
		return nil, nil, err
	}
	if app.Account != acc.ID {
		return nil, nil, store.ErrNotFound
	}
	return acc, app, nil
}

// dropClaim releases a uniqueness claim the owner holds.
func dropClaim(tx *store.Tx, tenant int64, kind, value string, owner int64) {
	tx.DeleteIf(ClaimKey(tenant, kind, value), store.Absent().Or(store.Is("owner", owner)), errAppChanged)
}

// addContracts moves a plan's contract counter by n; the plan must exist.
func addContracts(tx *store.Tx, tenant, plan int64, n int64, missing error) {
	tx.Add(catalog.PlanKey(tenant, plan), "contracts", n, missing)
}

// addSubscriptionApps moves the count of an account's applications on a service.
func addSubscriptionApps(tx *store.Tx, tenant, account, service, n int64, missing error) {
	tx.Add(SubscriptionKey(tenant, account, service), "apps", n, missing)
}

// planLoad reads an application plan as it is, custom or not.
func planLoad(ctx context.Context, d *deps.Deps, tenant, id int64) (*catalog.Plan, error) {
	return catalog.LoadPlan(ctx, d.Store, tenant, id, catalog.ApplicationPlan)
}

// dropCustomPlan deletes a custom plan with its limits; the plan itself goes
// at commit, with the transaction's other custom plans (see
// catalog.RemovePlans). Limits that do not fit into the transaction are
// deleted after it commits: they belong to a plan that no longer exists, so
// nothing reads them in between.
func (t *appTx) dropCustomPlan(ctx context.Context, plan *catalog.Plan) error {
	limits, err := catalog.Limits(ctx, t.d.Store, t.tenant, plan.ID)
	if err != nil {
		return err
	}
	t.customs = append(t.customs, plan)
	for _, k := range catalog.LimitItems(t.tenant, limits) {
		if t.Len() < limitsInTx {
			t.Delete(k.PK, k.SK)
		} else {
			t.later = append(t.later, k)
		}
	}
	return nil
}

// deleteLeftovers deletes leftover items in transactions of at most maxTxItems.
func deleteLeftovers(ctx context.Context, d *deps.Deps, tenant int64, keys []store.Key) error {
	for len(keys) > 0 {
		n := min(len(keys), maxTxItems)
		tx := d.Store.Tx(tenant)
		for _, k := range keys[:n] {
			tx.Delete(k.PK, k.SK)
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}
