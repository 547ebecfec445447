// Package settings holds a tenant's developer-portal settings (3scale's
// /admin/api/settings): whether developers may sign up by themselves, whether
// their accounts need approval, and how they may change plans.
package settings

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// Settings of a tenant; one item per tenant, absent until first changed.
type Settings struct {
	store.Key
	UserAccountArea             bool      `dynamodbav:"useraccountarea_enabled"`
	HideService                 *bool     `dynamodbav:"hide_service,omitempty"`
	SignupsEnabled              bool      `dynamodbav:"signups_enabled"`
	AccountApprovalRequired     bool      `dynamodbav:"account_approval_required"`
	PublicSearch                bool      `dynamodbav:"public_search"`
	AccountPlansUIVisible       bool      `dynamodbav:"account_plans_ui_visible"`
	ChangeAccountPlanPermission string    `dynamodbav:"change_account_plan_permission"`
	ServicePlansUIVisible       bool      `dynamodbav:"service_plans_ui_visible"`
	ChangeServicePlanPermission string    `dynamodbav:"change_service_plan_permission"`
	EnforceSSO                  bool      `dynamodbav:"enforce_sso"`
	UpdatedAt                   time.Time `dynamodbav:"updated_at,omitempty"`
}

// Key is the settings item of a tenant.
func Key(tenant int64) store.Key { return store.Key{PK: store.TenantPK(tenant), SK: "#SETTINGS"} }

// Defaults are a new tenant's settings.
func Defaults(tenant int64) *Settings {
	return &Settings{Key: Key(tenant), UserAccountArea: true, SignupsEnabled: true, AccountPlansUIVisible: true,
		ChangeAccountPlanPermission: "request", ServicePlansUIVisible: true, ChangeServicePlanPermission: "request"}
}

// Load reads a tenant's settings (the defaults when never changed).
func Load(ctx context.Context, s *store.Store, tenant int64) (*Settings, error) {
	st := Defaults(tenant)
	if err := s.Get(ctx, st.PK, st.SK, st); err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	return st, nil
}

// ShowDefaultPlan reads the tenant's default account plan (nil when none)
// and shows its approval_required as account_approval_required, where 3scale
// keeps that setting; the stored value applies only while there is none.
func ShowDefaultPlan(ctx context.Context, s *store.Store, tenant int64, st *Settings) (*catalog.Plan, error) {
	plan, err := catalog.DefaultAccountPlan(ctx, s, tenant)
	if err != nil || plan == nil {
		return nil, err
	}
	st.AccountApprovalRequired = plan.ApprovalRequired
	return plan, nil
}

// PlanPermissions are the values of change_account_plan_permission and change_service_plan_permission.
var PlanPermissions = []string{"direct", "request", "none", "credit_card", "request_credit_card"}
