package catalog

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/platform/store"
)

// SetDefaultAccountPlanApproval adds to tx: p, read as the tenant's default
// account plan, requires approval of new accounts or not (the settings'
// account_approval_required is that plan's flag, as in 3scale). Commit
// returns moved if p stopped being the default meanwhile.
func SetDefaultAccountPlanApproval(tx *store.Tx, t int64, p *Plan, approval bool, now time.Time, moved error) error {
	p.ApprovalRequired, p.UpdatedAt = approval, now
	c, err := changeOf(p, "approval_required", "updated_at")
	if err != nil {
		return err
	}
	k := DefaultAccountPlanKey(t)
	tx.Check(k.PK, k.SK, "#d = :id", map[string]string{"#d": "plan"}, map[string]types.AttributeValue{":id": num(p.ID)}, moved)
	c.applyIf(tx, p.Key, "attribute_exists(PK)", moved)
	return nil
}
