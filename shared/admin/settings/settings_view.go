package settings

import (
	"turnpike/shared/model/settings"
	"turnpike/shared/platform/wire"
)

// Obj represents the settings.
func Obj(s *settings.Settings) *wire.Obj {
	return wire.NewObj("settings").
		Set("useraccountarea_enabled", s.UserAccountArea).
		Set("hide_service", s.HideService).
		Set("signups_enabled", s.SignupsEnabled).
		Set("account_approval_required", s.AccountApprovalRequired).
		Set("public_search", s.PublicSearch).
		Set("account_plans_ui_visible", s.AccountPlansUIVisible).
		Set("change_account_plan_permission", s.ChangeAccountPlanPermission).
		Set("service_plans_ui_visible", s.ServicePlansUIVisible).
		Set("change_service_plan_permission", s.ChangeServicePlanPermission).
		Set("enforce_sso", s.EnforceSSO)
}
