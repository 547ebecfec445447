package ops

import (
	"turnpike/shared/admin/accesstoken"
	"turnpike/shared/admin/audience"
	"turnpike/shared/admin/outbox"
	"turnpike/shared/admin/provider"
	"turnpike/shared/admin/settings"
)

// Account Management API: developer accounts, users, messages, the tenant's own account, settings, access tokens.
var accountOps = []Operation{
	{"list-accounts", "GET", "/admin/api/accounts.json", audience.ListAccounts},
	{"create-account", "POST", "/admin/api/accounts.json", audience.CreateAccount},
	{"find-account", "GET", "/admin/api/accounts/find.json", audience.FindAccount},
	{"read-account", "GET", "/admin/api/accounts/{account_id}", audience.ReadAccount},
	{"update-account", "PUT", "/admin/api/accounts/{account_id}", audience.UpdateAccount},
	{"delete-account", "DELETE", "/admin/api/accounts/{account_id}", audience.DeleteAccount},
	{"approve-account", "PUT", "/admin/api/accounts/{account_id}/approve.json", audience.ApproveAccount},
	{"reject-account", "PUT", "/admin/api/accounts/{account_id}/reject.json", audience.RejectAccount},
	{"make-account-pending", "PUT", "/admin/api/accounts/{account_id}/make_pending.json", audience.MakeAccountPending},
	{"suspend-account", "PUT", "/admin/api/accounts/{account_id}/suspend.json", audience.SuspendAccount},
	{"resume-account", "PUT", "/admin/api/accounts/{account_id}/resume.json", audience.ResumeAccount},
	{"schedule-account-deletion", "PUT", "/admin/api/accounts/{account_id}/schedule_for_deletion.json", audience.ScheduleAccountDeletion},
	{"change-account-plan", "PUT", "/admin/api/accounts/{account_id}/change_plan.json", audience.ChangeAccountPlan},
	{"fetch-account-plan", "GET", "/admin/api/accounts/{account_id}/plan.json", audience.FetchAccountPlan},
	{"portal-signup", "POST", "/admin/api/portal/signup.json", audience.PortalSignup},

	{"list-users", "GET", "/admin/api/accounts/{account_id}/users.json", audience.ListUsers},
	{"create-user", "POST", "/admin/api/accounts/{account_id}/users.json", audience.CreateUser},
	{"read-user", "GET", "/admin/api/accounts/{account_id}/users/{id}", audience.ReadUser},
	{"update-user", "PUT", "/admin/api/accounts/{account_id}/users/{id}", audience.UpdateUser},
	{"delete-user", "DELETE", "/admin/api/accounts/{account_id}/users/{id}", audience.DeleteUser},
	{"activate-user", "PUT", "/admin/api/accounts/{account_id}/users/{id}/activate.json", audience.ActivateUser},
	{"suspend-user", "PUT", "/admin/api/accounts/{account_id}/users/{id}/suspend.json", audience.SuspendUser},
	{"unsuspend-user", "PUT", "/admin/api/accounts/{account_id}/users/{id}/unsuspend.json", audience.UnsuspendUser},
	{"make-user-admin", "PUT", "/admin/api/accounts/{account_id}/users/{id}/admin.json", audience.MakeUserAdmin},
	{"make-user-member", "PUT", "/admin/api/accounts/{account_id}/users/{id}/member.json", audience.MakeUserMember},

	{"list-invitations", "GET", "/admin/api/accounts/{account_id}/invitations.json", audience.ListInvitations},
	{"create-invitation", "POST", "/admin/api/accounts/{account_id}/invitations.json", audience.CreateInvitation},
	{"read-invitation", "GET", "/admin/api/accounts/{account_id}/invitations/{id}", audience.ReadInvitation},
	{"delete-invitation", "DELETE", "/admin/api/accounts/{account_id}/invitations/{id}", audience.DeleteInvitation},
	{"accept-invitation", "POST", "/admin/api/invitations/accept.json", audience.AcceptInvitation},

	{"create-message", "POST", "/admin/api/accounts/{account_id}/messages.json", audience.CreateMessage},
	{"list-messages", "GET", "/admin/api/accounts/{account_id}/messages.json", audience.ListMessages},
	{"list-outbox", "GET", "/admin/api/outbox.json", outbox.ListOutbox},

	{"read-provider", "GET", "/admin/api/provider.json", provider.ReadProvider},
	{"update-provider", "PUT", "/admin/api/provider.json", provider.UpdateProvider},

	{"read-settings", "GET", "/admin/api/settings.json", settings.ReadSettings},
	{"update-settings", "PUT", "/admin/api/settings.json", settings.UpdateSettings},

	{"list-access-tokens", "GET", "/admin/api/personal/access_tokens.json", accesstoken.ListTokens},
	{"create-access-token", "POST", "/admin/api/personal/access_tokens.json", accesstoken.CreateToken},
	{"read-access-token", "GET", "/admin/api/personal/access_tokens/{id}", accesstoken.ReadToken},
	{"delete-access-token", "DELETE", "/admin/api/personal/access_tokens/{id}", accesstoken.DeleteToken},
}
