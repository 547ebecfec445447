package audience

import (
	"time"

	"turnpike/shared/platform/store"
)

// KeyTimes records when each application key was added (keys are immutable,
// so that is also when it was last updated). The keys themselves stay in
// Application.Keys, the plain list the authrep hot path reads.
type KeyTimes map[string]time.Time

// Referrer is a referrer filter's id and creation time; the values stay in
// Application.ReferrerFilters, the plain list the authrep hot path reads.
type Referrer struct {
	ID        int64     `dynamodbav:"id"`
	Value     string    `dynamodbav:"value"`
	CreatedAt time.Time `dynamodbav:"created_at"`
}

// Referrers are an application's referrer filters with their ids, in the order of ReferrerFilters.
type Referrers []Referrer

// Limits on an application's credentials (3scale's).
const (
	MaxAppKeys       = 5
	MaxOAuthAppKeys  = 1
	MaxReferrers     = 5
	AppSortKeyPrefix = "APP#"
	listingKeyPrefix = "APPL#"
)

// An application is listed four ways, each a Query in id order:
//   - every application of the tenant: the main-table items APP#<id>;
//   - by account (GSI1 of the application item) and by service (its GSI2);
//   - by plan and by state: GSI1 and GSI2 of the application's listing copy,
//     an item APPL#<id> carrying the same attributes, rewritten with every change
//     of the application in the same transaction.
//
// The copy doubles the write size of an application change but lets every
// filter of /admin/api/applications be read by Query, page by page, without a
// second read per item; counters beside them (application_counts.go) give the
// totals pages report.

// AppsOfService lists a service's applications (GSI2 of the application).
func AppsOfService(tenant, service int64) string { return store.Parent(tenant, "SVC", service, "APP") }

// AppsOfPlan lists a plan's applications (GSI1 of the listing copy).
func AppsOfPlan(tenant, plan int64) string { return store.Parent(tenant, "PLAN", plan, "APP") }

// AppsInState lists the applications in a state (GSI2 of the listing copy).
func AppsInState(tenant int64, state string) string {
	return store.TenantPK(tenant) + "#APPSTATE#" + state
}

// index sets the application's own listing keys.
func (a *Application) index(tenant int64) {
	a.Key = ApplicationKey(tenant, a.ID)
	a.Index = store.Index{
		GSI1PK: AppsOfAccount(tenant, a.Account), GSI1SK: store.ID(a.ID),
		GSI2PK: AppsOfService(tenant, a.Service), GSI2SK: store.ID(a.ID),
	}
}

// listing is the application's listing copy. Its Key is not the application's:
// applications read from listings are for rendering only.
func (a *Application) listing(tenant int64) *Application {
	c := *a
	c.Key = store.Key{PK: store.TenantPK(tenant), SK: listingKeyPrefix + store.ID(a.ID)}
	c.Index = store.Index{
		GSI1PK: AppsOfPlan(tenant, a.Plan), GSI1SK: store.ID(a.ID),
		GSI2PK: AppsInState(tenant, a.State), GSI2SK: store.ID(a.ID),
	}
	return &c
}

// ApplicationItems are the items a new application consists of: the
// application, its listing copy and its user_key and app_id claims. Seeding
// code writes them as they are; the API writes them in one transaction.
func ApplicationItems(tenant int64, a *Application) []any {
	a.index(tenant)
	return []any{a, a.listing(tenant), NewClaim(tenant, ClaimUserKey, a.UserKey, a.ID), NewClaim(tenant, ClaimAppID, a.AppID, a.ID)}
}

// Subscription is a service subscription (3scale's service contract): an
// account on a service plan. An account has at most one per service, so its
// key names the service; Apps counts the account's applications on the service,
// which lets an unsubscription refuse, in its own transaction, to run while an
// application is being created.
type Subscription struct {
	store.Key
	store.Index
	ID         int64     `dynamodbav:"id"`
	Account    int64     `dynamodbav:"account"`
	Service    int64     `dynamodbav:"service"`
	Plan       int64     `dynamodbav:"plan"`
	State      string    `dynamodbav:"state"`
	SetupFee   float64   `dynamodbav:"setup_fee"`
	Apps       int64     `dynamodbav:"apps"`
	CreatedAt  time.Time `dynamodbav:"created_at"`
	UpdatedAt  time.Time `dynamodbav:"updated_at"`
	AcceptedAt time.Time `dynamodbav:"accepted_at,omitempty"`
}

// SubscriptionKey is the key of an account's subscription to a service.
func SubscriptionKey(tenant, account, service int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: SubscriptionPrefix(account) + store.ID(service)}
}

// SubscriptionPrefix selects every subscription of an account.
func SubscriptionPrefix(account int64) string { return "SVCSUB#" + store.ID(account) + "#" }

// SubscribersOf lists a service's subscriptions (GSI1).
func SubscribersOf(tenant, service int64) string { return store.Parent(tenant, "SVC", service, "SUB") }
