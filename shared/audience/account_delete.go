package audience

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/api"
	"turnpike/shared/deps"
	"turnpike/shared/store"
)

// DeleteAccount is DELETE /admin/api/accounts/{account_id}: the account goes
// with everything under it — applications with their key claims, users with
// their claims, invitations, messages — and the plans it used count one
// contract less.
func DeleteAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		err := optimistic(ctx, func() error { // a user changed meanwhile: read again
			acc, err := pathAccount(ctx, d, q)
			if err != nil {
				return err
			}
			return deleteAccount(ctx, d.Store, q.Tenant(), acc)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// deleteAccount removes an account in bounded transactions, the account item
// last: if a transaction fails, what is left is consistent and a new DELETE
// finishes the job.
func deleteAccount(ctx context.Context, s *store.Store, tenant int64, acc *Account) error {
	w := newWriter(ctx, s, tenant)
	var apps []*Application
	if err := s.All(ctx, store.Query{Index: store.GSI1, PK: AppsOfAccount(tenant, acc.ID)}, &apps); err != nil {
		return err
	}
	for _, a := range apps {
		w.unit(func(tx *store.Tx) {
			tx.Delete(a.PK, a.SK)
			for kind, v := range map[string]string{ClaimUserKey: a.UserKey, ClaimAppID: a.AppID} {
				if v != "" {
					k := ClaimKey(tenant, kind, v)
					tx.Delete(k.PK, k.SK)
				}
			}
		}, a.Plan)
	}
	users, err := AccountUsers(ctx, s, tenant, acc.ID)
	if err != nil {
		return err
	}
	for _, u := range users {
		w.unit(func(tx *store.Tx) { releaseUser(tx, tenant, u) })
	}
	var invs []*Invitation
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: InvitationPrefix(acc.ID)}, &invs); err != nil {
		return err
	}
	for _, inv := range invs {
		w.unit(func(tx *store.Tx) {
			tx.Delete(inv.PK, inv.SK)
			for _, k := range invitationClaims(tenant, inv) {
				tx.Delete(k.PK, k.SK)
			}
		})
	}
	var msgs []*store.Key
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: MessagePrefix(acc.ID)}, &msgs); err != nil {
		return err
	}
	for _, m := range msgs {
		w.unit(func(tx *store.Tx) { tx.Delete(m.PK, m.SK) })
	}
	var plans []int64
	if acc.Plan != 0 {
		plans = append(plans, acc.Plan)
	}
	w.unit(func(tx *store.Tx) {
		// Still in the state counted (else read again).
		tx.DeleteIf(acc.PK, acc.SK, "#st = :st", map[string]string{"#st": "state"},
			map[string]types.AttributeValue{":st": attr(acc.State)}, store.ErrStale)
		AddAccountCounts(tx, tenant, map[string]int64{acc.State: -1})
	}, plans...)
	return w.commit()
}
