package catalog

import (
	"time"

	"turnpike/shared/platform/store"
)

// SetDefaultAccountPlanApproval adds to tx: p, read as the tenant's default
// account plan, requires approval of new accounts or not (the settings'
// account_approval_required is that plan's flag, as in 3scale). Commit
// returns moved if p stopped being the default meanwhile.
func SetDefaultAccountPlanApproval(tx *store.Tx, t int64, p *Plan, approval bool, now time.Time, moved error) error {
	p.ApprovalRequired, p.UpdatedAt = approval, now
	tx.Require(DefaultAccountPlanKey(t), store.Is("plan", p.ID), moved)
	tx.UpdateIf(p.Key, ChangeOf(p, "approval_required", "updated_at"), store.Exists(), moved)
	return nil
}
