package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteAccount is DELETE /admin/api/accounts/{account_id}: the account goes
// with everything under it — applications (through the applications code, so
// listings, counters and custom plans follow), subscriptions, users with
// their claims, invitations, messages — and the plans it used count one
// contract less. As in 3scale, whose account destroys its applications and
// users one by one, each application and user removed fires its own deleted
// event besides the account's.
func DeleteAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		err := optimistic(ctx, func() error { // a user changed meanwhile: read again
			acc, err := pathAccount(ctx, d, q)
			if err != nil {
				return err
			}
			// The XML of the account is taken before it is gone.
			event, err := prepareEvent(ctx, d, q, "account", "deleted", acc.ID, accountXML(ctx, d, q, acc))
			if err != nil {
				return err
			}
			return deleteAccount(ctx, d, q, acc, event)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// appTxFull is when an application transaction is committed before taking
// another application: removing one adds at most about 15 writes.
const appTxFull = 80

// deleteAccount removes an account in bounded transactions, the account item
// last: if a transaction fails, what is left is consistent and a new DELETE
// finishes the job. The deleted event of each application and user is written
// in the transaction that removes it (its XML taken before): an object
// removed fires once, one left for the next DELETE fires then.
func deleteAccount(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account, event func(*store.Tx)) error {
	s, tenant := d.Store, q.Tenant()
	prepare := eventPreparer(ctx, d, q)
	var apps []*audience.Application
	if err := s.All(ctx, store.Query{Index: store.GSI1, PK: audience.AppsOfAccount(tenant, acc.ID)}, &apps); err != nil {
		return err
	}
	tx := audience.NewAppTx(d, tenant)
	for i, a := range apps {
		deleted, err := prepare("application", "deleted", a.ID, appXML(ctx, d, q, a))
		if err != nil {
			return err
		}
		if err := tx.RemoveApplication(ctx, a); err != nil {
			return err
		}
		deleted(tx.Tx)
		if tx.Writes() >= appTxFull || i == len(apps)-1 {
			if err := tx.Commit(ctx); err != nil {
				return err
			}
			tx = audience.NewAppTx(d, tenant)
		}
	}
	w := audience.NewWriter(ctx, s, tenant)
	var subs []*audience.Subscription
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: audience.SubscriptionPrefix(acc.ID)}, &subs); err != nil {
		return err
	}
	for _, sub := range subs {
		w.Unit(func(tx *store.Tx) {
			// Its applications are gone, unless one was created meanwhile (409, retry).
			tx.DeleteIf(sub.Key, store.ZeroOrAbsent("apps"), errSubChanged)
		}, sub.Plan)
	}
	users, err := audience.AccountUsers(ctx, s, tenant, acc.ID)
	if err != nil {
		return err
	}
	for _, u := range users {
		deleted, err := prepare("user", "deleted", u.ID, userXML(q, u))
		if err != nil {
			return err
		}
		w.Unit(func(tx *store.Tx) {
			audience.ReleaseUser(tx, tenant, u)
			deleted(tx)
		})
	}
	var invs []*audience.Invitation
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: audience.InvitationPrefix(acc.ID)}, &invs); err != nil {
		return err
	}
	for _, inv := range invs {
		w.Unit(func(tx *store.Tx) {
			tx.Delete(inv.PK, inv.SK)
			for _, k := range audience.InvitationClaims(tenant, inv) {
				tx.Delete(k.PK, k.SK)
			}
		})
	}
	var msgs []*store.Key
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: audience.MessagePrefix(acc.ID)}, &msgs); err != nil {
		return err
	}
	for _, m := range msgs {
		w.Unit(func(tx *store.Tx) { tx.Delete(m.PK, m.SK) })
	}
	var plans []int64
	if acc.Plan != 0 {
		plans = append(plans, acc.Plan)
	}
	w.Unit(func(tx *store.Tx) {
		// Still as read, in the state counted and on the plan released (else read again).
		tx.DeleteIf(acc.Key, store.UnchangedSince(acc.UpdatedAt), store.ErrStale)
		audience.AddAccountCounts(tx, tenant, map[string]int64{acc.State: -1})
		event(tx)
	}, plans...)
	return w.Commit()
}
