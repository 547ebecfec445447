package audience

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/catalog"
	"turnpike/shared/deps"
	"turnpike/shared/store"
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

// createApp puts a new application's items into tx; a user_key or app_id
// already claimed fails the commit with 422.
func createApp(tx *store.Tx, tenant int64, a *Application) {
	a.index(tenant)
	tx.Create(a, nil)
	tx.Create(a.listing(tenant), nil)
	tx.Create(claim(tenant, ClaimUserKey, a.UserKey, a.ID), apierr.Invalid("user_key", "has already been taken"))
	tx.Create(claim(tenant, ClaimAppID, a.AppID, a.ID), apierr.Invalid("application_id", "has already been taken"))
}

// saveApp rewrites an application and its listing copy, provided the stored
// application is still the one read (same updated_at); set a.UpdatedAt first.
func saveApp(tx *store.Tx, tenant int64, a *Application, seen time.Time) {
	a.index(tenant)
	tx.PutIf(a, "updated_at = :seen", sameUpdatedAt(seen), errAppChanged)
	tx.Put(a.listing(tenant))
}

// dropApp deletes an application as read, its listing copy and its claims.
func dropApp(tx *store.Tx, tenant int64, a *Application) {
	k := ApplicationKey(tenant, a.ID)
	tx.DeleteIf(k.PK, k.SK, "updated_at = :seen", nil, sameUpdatedAt(a.UpdatedAt), errAppChanged)
	l := a.listing(tenant)
	tx.Delete(l.PK, l.SK)
	dropClaim(tx, tenant, ClaimUserKey, a.UserKey, a.ID)
	dropClaim(tx, tenant, ClaimAppID, a.AppID, a.ID)
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

// dropCustomPlan deletes a custom plan with its limits. Limits that do not
// fit into tx are returned to be deleted after it commits: they belong to a
// plan that no longer exists, so nothing reads them in between.
func dropCustomPlan(ctx context.Context, d *deps.Deps, tx *store.Tx, tenant int64, p *catalog.Plan) ([]store.Key, error) {
	limits, err := catalog.Limits(ctx, d.Store, tenant, p.ID)
	if err != nil {
		return nil, err
	}
	k := catalog.PlanKey(tenant, p.ID)
	tx.DeleteIf(k.PK, k.SK, "attribute_exists(PK)", nil, nil, errAppChanged)
	var later []store.Key
	for _, l := range limits {
		if tx.Len() < limitsInTx {
			tx.Delete(l.PK, l.SK)
		} else {
			later = append(later, l.Key)
		}
	}
	return later, nil
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
