package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestSettings(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "GET", "/admin/api/settings.json", nil)
	status(t, r, 200)
	want := `{"settings":{"useraccountarea_enabled":true,"signups_enabled":true,"account_approval_required":false,` +
		`"public_search":false,"account_plans_ui_visible":true,"change_account_plan_permission":"request",` +
		`"service_plans_ui_visible":true,"change_service_plan_permission":"request","enforce_sso":false}}`
	if r.String() != want {
		t.Fatalf("defaults: %s", r.Body)
	}
	// Form, wrapped or flat; fields not sent keep their value.
	r = tn.Do(t, "PUT", "/admin/api/settings.json", url.Values{"settings[signups_enabled]": {"false"}, "hide_service": {"true"},
		"change_account_plan_permission": {"direct"}})
	status(t, r, 200)
	s := obj(t, r, "settings")
	if s["signups_enabled"] != false || s["hide_service"] != true || s["change_account_plan_permission"] != "direct" ||
		s["useraccountarea_enabled"] != true {
		t.Fatalf("update: %s", r.Body)
	}
	r = accJSON(t, env, "PUT", "/admin/api/settings.json", tn.Token, map[string]any{"public_search": true, "account_approval_required": true,
		"change_service_plan_permission": "none"})
	s = obj(t, r, "settings")
	if s["public_search"] != true || s["account_approval_required"] != true || s["signups_enabled"] != false ||
		s["change_service_plan_permission"] != "none" {
		t.Fatalf("JSON update: %s", r.Body)
	}
	if obj(t, tn.Do(t, "GET", "/admin/api/settings.json", nil), "settings")["hide_service"] != true {
		t.Fatal("not stored")
	}
	// Refusals change nothing.
	for _, c := range []struct {
		form  url.Values
		field string
	}{
		{url.Values{"change_account_plan_permission": {"sometimes"}}, "change_account_plan_permission"},
		{url.Values{"change_service_plan_permission": {""}}, "change_service_plan_permission"},
		{url.Values{"signups_enabled": {"maybe"}}, "signups_enabled"},
		{url.Values{"enforce_sso": {"true"}}, "enforce_sso"},
		{url.Values{"signups_enabled": {"true"}, "change_account_plan_permission": {"sometimes"}}, "change_account_plan_permission"},
	} {
		fieldError(t, tn.Do(t, "PUT", "/admin/api/settings.json", c.form), 422, c.field)
	}
	if s := obj(t, tn.Do(t, "GET", "/admin/api/settings.json", nil), "settings"); s["signups_enabled"] != false ||
		s["change_account_plan_permission"] != "direct" {
		t.Fatalf("a refused update wrote: %v", s)
	}
	// JSON only.
	for _, path := range []string{"/admin/api/settings.xml", "/admin/api/settings"} {
		status(t, tn.Do(t, "GET", path, nil), 406)
		status(t, tn.Do(t, "PUT", path, url.Values{"public_search": {"false"}}), 406)
	}
	// Settings are per tenant.
	if obj(t, env.NewTenant(t).Do(t, "GET", "/admin/api/settings.json", nil), "settings")["signups_enabled"] != true {
		t.Fatal("settings leak across tenants")
	}
	// A ro token reads them but cannot change them.
	ro := accToken(t, env, tn, "ro", "account_management")
	status(t, env.Do(t, "GET", "/admin/api/settings.json", url.Values{"access_token": {ro}}), 200)
	status(t, env.Do(t, "PUT", "/admin/api/settings.json", url.Values{"access_token": {ro}, "public_search": {"false"}}), 403)
}
