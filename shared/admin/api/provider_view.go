package api

import (
	"strconv"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// A tenant's account is shown by the Master API (a provider) and by the
// admin API (the tenant's own account), so it lives with the HTTP layer both share.

// superDomain is the base host of tenant domains (3scale's superdomain):
// ROOT_DOMAIN, or a placeholder when the token alone decides the tenant.
func superDomain(d *deps.Deps) string {
	if d.RootDomain != "" {
		return d.RootDomain
	}
	return "turnpike.local"
}

// ProviderObj represents a tenant account, including its provider key.
func ProviderObj(d *deps.Deps, base string, t *tenant.Tenant) *wire.Obj {
	super := superDomain(d)
	o := wire.NewObj("account").
		Set("id", t.ID).
		Set("created_at", t.CreatedAt).
		Set("updated_at", t.UpdatedAt)
	if t.State == tenant.ScheduledForDeletion {
		o.Set("deletion_date", t.DeletionDate())
	}
	return o.
		Set("admin_domain", t.AdminDomain(super)).
		Set("domain", t.Domain(super)).
		Set("admin_base_url", "https://"+t.AdminDomain(super)).
		Set("base_url", "https://"+t.Domain(super)).
		Set("from_email", t.FromEmail).
		Set("support_email", t.SupportEmail).
		Set("finance_support_email", t.FinanceSupportEmail).
		Set("site_access_code", t.SiteAccessCode).
		Set("credit_card_stored", false).
		Set("monthly_billing_enabled", true).
		Set("monthly_charging_enabled", true).
		Set("state", t.State).
		Set("provider_key", t.ProviderKey).
		Set("default_service_id", t.DefaultService).
		JSON("links", wire.Links{{Rel: "users", Href: base + "/admin/api/accounts/" + strconv.FormatInt(t.ID, 10) + "/users"}}).
		Set("org_name", t.OrgName)
}
