package audience

import (
	"context"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/settings"
	"turnpike/shared/platform/store"
)

// approvalRequired tells whether a new account waits for the provider's
// approval: its account plan says so, or (without a plan) the tenant's
// "account_approval_required" setting.
func approvalRequired(ctx context.Context, s *store.Store, tenant int64, plan *catalog.Plan) (bool, error) {
	if plan != nil {
		return plan.ApprovalRequired, nil
	}
	st, err := settings.Load(ctx, s, tenant)
	if err != nil {
		return false, err
	}
	return st.AccountApprovalRequired, nil
}

// accountPlan reads the account plan an account bought; nil when none.
func accountPlan(ctx context.Context, s *store.Store, tenant int64, a *audience.Account) (*catalog.Plan, error) {
	if a.Plan == 0 {
		return nil, nil
	}
	return catalog.LoadPlan(ctx, s, tenant, a.Plan, catalog.AccountPlan)
}
