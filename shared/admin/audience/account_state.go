package audience

import (
	"context"
	"net/http"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ApproveAccount is PUT /admin/api/accounts/{account_id}/approve.
func ApproveAccount(d *deps.Deps) http.Handler { return accountEvent(d, audience.EventApprove) }

// RejectAccount is PUT /admin/api/accounts/{account_id}/reject.
func RejectAccount(d *deps.Deps) http.Handler { return accountEvent(d, audience.EventReject) }

// MakeAccountPending is PUT /admin/api/accounts/{account_id}/make_pending.
func MakeAccountPending(d *deps.Deps) http.Handler { return accountEvent(d, audience.EventMakePending) }

// SuspendAccount is PUT /admin/api/accounts/{account_id}/suspend (a Turnpike extension).
func SuspendAccount(d *deps.Deps) http.Handler { return accountEvent(d, audience.EventSuspend) }

// ResumeAccount is PUT /admin/api/accounts/{account_id}/resume (a Turnpike extension).
func ResumeAccount(d *deps.Deps) http.Handler { return accountEvent(d, audience.EventResume) }

// ScheduleAccountDeletion is PUT /admin/api/accounts/{account_id}/schedule_for_deletion (a Turnpike extension).
func ScheduleAccountDeletion(d *deps.Deps) http.Handler {
	return accountEvent(d, audience.EventScheduleForDeletion)
}

// accountEvent moves an account through its state machine; a transition that
// is not allowed from the current state is a 422 and writes nothing.
func accountEvent(d *deps.Deps, event string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var acc *audience.Account
		err := optimistic(ctx, func() error {
			var err error
			if acc, err = pathAccount(ctx, d, q); err != nil {
				return err
			}
			to, err := audience.AccountTransition(acc.State, event)
			if err != nil {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			moveAccount(tx, q.Tenant(), acc, to, q.Now)
			if err := fire(ctx, d, q, tx, "account", "updated", acc.ID, accountXML(ctx, d, q, acc)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return accountResult(ctx, d, q, acc)
	})
}

// moveAccount adds a state change of acc to tx (and applies it to acc): the
// state, its listing key and state_changed_at, if acc is still as read, and
// the account counts.
func moveAccount(tx *store.Tx, tenant int64, acc *audience.Account, to string, now time.Time) {
	audience.AddAccountCounts(tx, tenant, map[string]int64{acc.State: -1, to: 1})
	change(acc.Key, acc.UpdatedAt).
		set("state", to).
		set("GSI1PK", audience.AccountsInState(tenant, to)).
		set("state_changed_at", now).
		set("updated_at", now).
		in(tx)
	acc.State, acc.GSI1PK, acc.StateChangedAt, acc.UpdatedAt = to, audience.AccountsInState(tenant, to), now, now
}
