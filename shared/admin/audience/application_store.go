package audience

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

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
		return nil, nil, apierr.NotFound()
	}
	return acc, app, nil
}

// dropClaim releases a uniqueness claim the owner holds.
func dropClaim(tx *store.Tx, tenant int64, kind, value string, owner int64) {
	k := ClaimKey(tenant, kind, value)
	tx.DeleteIf(k.PK, k.SK, "attribute_not_exists(PK) OR #o = :o", map[string]string{"#o": "owner"},
		map[string]types.AttributeValue{":o": numAV(owner)}, errAppChanged)
}

func sameUpdatedAt(t time.Time) map[string]types.AttributeValue {
	v, err := attributevalue.Marshal(t)
	if err != nil {
		v = &types.AttributeValueMemberS{Value: t.Format(time.RFC3339Nano)}
	}
	return map[string]types.AttributeValue{":seen": v}
}

func numAV(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// addContracts moves a plan's contract counter by n; the plan must exist.
func addContracts(tx *store.Tx, tenant, plan int64, n int64, missing error) {
	k := catalog.PlanKey(tenant, plan)
	tx.Update(k.PK, k.SK, "ADD contracts :n", nil, map[string]types.AttributeValue{":n": numAV(n)}, missing)
}

// addSubscriptionApps moves the count of an account's applications on a service.
func addSubscriptionApps(tx *store.Tx, tenant, account, service, n int64, missing error) {
	k := SubscriptionKey(tenant, account, service)
	tx.Update(k.PK, k.SK, "ADD apps :n", nil, map[string]types.AttributeValue{":n": numAV(n)}, missing)
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
