package audience

import (
	"context"
	"errors"
	"log/slog"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// AppTx is one transaction over applications. It gathers the changes of plan
// contract counters and of listing counters (see application_counts.go) and
// writes each counter once at commit, so that a transaction touching many
// applications still updates every counter item once, as DynamoDB requires.
type AppTx struct {
	*store.Tx
	d         *deps.Deps
	tenant    int64
	contracts map[int64]int64
	counts    map[string]int64
	subApps   map[subRef]int64 // subscriptions' application counts (see removeApplication)
	customs   []*catalog.Plan  // custom plans deleted at commit (see dropCustomPlan)
	later     []store.Key      // items deleted after the commit (see dropCustomPlan)
	gone      []int64          // applications removed: their counter items go after the commit
}

// subRef names an account's subscription to a service.
type subRef struct{ account, service int64 }

func NewAppTx(d *deps.Deps, tenant int64) *AppTx {
	return &AppTx{Tx: d.Store.Tx(tenant), d: d, tenant: tenant, contracts: map[int64]int64{}, counts: map[string]int64{},
		subApps: map[subRef]int64{}}
}

// create adds a new application with its listing copy and claims; a user_key
// or app_id already claimed fails the commit with 422. It counts the
// contract on the application's plan.
func (t *AppTx) CreateApp(a *Application) {
	a.index(t.tenant)
	t.Create(a, nil)
	t.Create(a.listing(t.tenant), nil)
	t.Create(NewClaim(t.tenant, ClaimUserKey, a.UserKey, a.ID), apierr.Invalid("user_key", "has already been taken"))
	t.Create(NewClaim(t.tenant, ClaimAppID, a.AppID, a.ID), apierr.Invalid("application_id", "has already been taken"))
	t.count(a, 1)
	t.contracts[a.Plan]++
}

// save rewrites an application and its listing copy, provided the stored
// application is still before (same updated_at). Plan contracts are the caller's.
func (t *AppTx) Save(before, a *Application) {
	a.index(t.tenant)
	t.PutIf(a, store.UnchangedSince(before.UpdatedAt), errAppChanged)
	t.Put(a.listing(t.tenant))
	t.count(before, -1)
	t.count(a, 1)
}

// remove deletes an application as read, with its listing copy and claims,
// and ends its contract on its plan (see leavePlan). The subscription's count
// of applications is the caller's.
func (t *AppTx) Remove(ctx context.Context, a *Application) error {
	t.DeleteIf(ApplicationKey(t.tenant, a.ID), store.UnchangedSince(a.UpdatedAt), errAppChanged)
	l := a.listing(t.tenant)
	t.Delete(l.PK, l.SK)
	DropClaim(t.Tx, t.tenant, ClaimUserKey, a.UserKey, a.ID)
	DropClaim(t.Tx, t.tenant, ClaimAppID, a.AppID, a.ID)
	t.count(a, -1)
	return t.LeavePlan(ctx, a)
}

// removeApplication removes an application completely: remove, and one
// application less on the account's subscription to the service, when there
// is one. The application DELETE and the account deletion both use it.
func (t *AppTx) RemoveApplication(ctx context.Context, a *Application) error {
	if err := t.Remove(ctx, a); err != nil {
		return err
	}
	t.gone = append(t.gone, a.ID)
	ref := subRef{a.Account, a.Service}
	if _, known := t.subApps[ref]; !known {
		k := SubscriptionKey(t.tenant, a.Account, a.Service)
		var sub Subscription
		if err := t.d.Store.Get(ctx, k.PK, k.SK, &sub); errors.Is(err, store.ErrNotFound) {
			return nil // an application written without one (seeding)
		} else if err != nil {
			return err
		}
	}
	t.subApps[ref]--
	return nil
}

// leavePlan ends the application's contract on its current plan: the plan's
// counter goes down, or a custom plan is deleted with its limits.
func (t *AppTx) LeavePlan(ctx context.Context, a *Application) error {
	cur, err := PlanLoad(ctx, t.d, t.tenant, a.Plan)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil // a plan gone has no counter left to keep
		}
		return err
	}
	if cur.Custom {
		return t.DropCustomPlan(ctx, cur)
	}
	t.contracts[cur.ID]--
	return nil
}

// contract moves a plan's contract counter.
func (t *AppTx) Contract(plan, n int64) { t.contracts[plan] += n }

// writes is how many items the transaction will write, counters included
// (DynamoDB takes at most 100, the configuration version bump among them).
func (t *AppTx) Writes() int {
	n := t.Len() + 4*len(t.customs) // a plan, its claim, at most two directory chunks
	for _, c := range t.contracts {
		if c != 0 {
			n++
		}
	}
	for _, c := range t.counts {
		if c != 0 {
			n++
		}
	}
	for _, c := range t.subApps {
		if c != 0 {
			n++
		}
	}
	return n
}

// commit writes the counters and the transaction, then what did not fit into it.
func (t *AppTx) Commit(ctx context.Context) error {
	for plan, n := range t.contracts {
		switch {
		case n > 0:
			AddContracts(t.Tx, t.tenant, plan, n, store.ErrNotFound) // a plan joined must exist
		case n < 0:
			AddContracts(t.Tx, t.tenant, plan, n, errAppChanged)
		}
	}
	for listing, n := range t.counts {
		if n != 0 {
			t.Upsert(appCountKey(t.tenant, listing), store.NewChange().Add("n", n))
		}
	}
	for ref, n := range t.subApps {
		if n != 0 {
			AddSubscriptionApps(t.Tx, t.tenant, ref.account, ref.service, n, errAppChanged)
		}
	}
	if len(t.customs) > 0 {
		catalog.RemovePlans(t.Tx, t.tenant, t.customs, errAppChanged)
	}
	if err := t.Tx.Commit(ctx); err != nil {
		return err
	}
	if err := DeleteLeftovers(ctx, t.d, t.tenant, t.later); err != nil {
		return err
	}
	t.eraseCounters(ctx)
	return nil
}

// eraseCounters deletes the counter items of the applications removed. It is
// best effort: the applications are gone whatever happens here, an item left
// behind answers nothing (its key is the application's id, never reused), and
// the tenant's purge erases the rest.
func (t *AppTx) eraseCounters(ctx context.Context) {
	if len(t.gone) == 0 {
		return
	}
	keys := make([]store.Key, len(t.gone))
	for i, id := range t.gone {
		keys[i] = store.Key{PK: counter.Key(t.tenant, id)}
	}
	if err := t.d.Store.Erase(ctx, store.CountersTable, keys); err != nil {
		slog.Warn("audience: counter items of deleted applications left behind", "tenant", t.tenant, "applications", t.gone, "error", err)
	}
}

// Tenant is the tenant whose items the transaction writes.
func (t *AppTx) Tenant() int64 { return t.tenant }

// Subscribe adds a new subscription to tx, counted as a contract on its plan;
// an existing subscription of the account to the service fails the commit
// with taken.
func (t *AppTx) Subscribe(s *Subscription, taken error) {
	t.Tx.Create(s, taken)
	t.Contract(s.Plan, 1)
}
