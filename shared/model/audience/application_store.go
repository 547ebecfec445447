package audience

import (
	"context"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// errAppChanged answers a change that raced with another change of the same
// application: nothing was written, the client may simply retry.
var errAppChanged = apierr.Conflict("The application was changed by another request; retry")

// DropClaim releases a uniqueness claim the owner holds.
func DropClaim(tx *store.Tx, tenant int64, kind, value string, owner int64) {
	tx.DeleteIf(ClaimKey(tenant, kind, value), store.Absent().Or(store.Is("owner", owner)), errAppChanged)
}

// AddContracts moves a plan's contract counter by n; the plan must exist.
func AddContracts(tx *store.Tx, tenant, plan int64, n int64, missing error) {
	tx.Add(catalog.PlanKey(tenant, plan), "contracts", n, missing)
}

// AddSubscriptionApps moves the count of an account's applications on a service.
func AddSubscriptionApps(tx *store.Tx, tenant, account, service, n int64, missing error) {
	tx.Add(SubscriptionKey(tenant, account, service), "apps", n, missing)
}

// PlanLoad reads an application plan as it is, custom or not.
func PlanLoad(ctx context.Context, d *deps.Deps, tenant, id int64) (*catalog.Plan, error) {
	return catalog.LoadPlan(ctx, d.Store, tenant, id, catalog.ApplicationPlan)
}

// dropCustomPlan deletes a custom plan with its limits; the plan itself goes
// at commit, with the transaction's other custom plans (see
// catalog.RemovePlans). Limits that do not fit into the transaction are
// deleted after it commits: they belong to a plan that no longer exists, so
// nothing reads them in between.
func (t *AppTx) DropCustomPlan(ctx context.Context, plan *catalog.Plan) error {
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

// DeleteLeftovers deletes leftover items in transactions of at most MaxTxItems.
func DeleteLeftovers(ctx context.Context, d *deps.Deps, tenant int64, keys []store.Key) error {
	for len(keys) > 0 {
		n := min(len(keys), MaxTxItems)
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

// MaxTxItems leaves room in DynamoDB's 100-item transaction for the tenant
// version bump and the few items around a bulk copy or deletion.
const MaxTxItems = 90

// limitsInTx bounds the transaction a custom plan's limits are deleted in,
// leaving room for the other applications of an unsubscription.
const limitsInTx = 30
