package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/credential"
)

// authrepOf calls authrep for an application with one hit.
func authrepOf(t testing.TB, env *testenv.Env, tn *testenv.Tenant, a *testenv.App) *testenv.Response {
	t.Helper()
	return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(a.Service)}, "user_key": {a.UserKey}, "usage[hits]": {"1"}})
}

// Tenant signup as 3scale does it: the password confirmation must match, the
// subdomain comes from the organization name (acme, acme-2, acme-3), the
// admin token has the account_management and policy_registry scopes.
func TestTenantSignup(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	org := testenv.Unique("Signup Corp ")
	base := strings.ReplaceAll(strings.ToLower(org), " ", "-")
	form := func(confirm string) url.Values {
		u := testenv.Unique("admin")
		return url.Values{"org_name": {org}, "username": {u}, "email": {u + "@example.com"},
			"password": {"a-long-enough-password"}, "password_confirmation": {confirm}}
	}
	r := master(t, env, "POST", "/master/api/providers.json", form("something-else"))
	status(t, r, 422)
	if !strings.Contains(r.String(), `"user":["Password confirmation doesn't match Password"]`) {
		t.Fatalf("mismatch: %s", r.Body)
	}
	for i, want := range []string{base, base + "-2", base + "-3"} {
		r := master(t, env, "POST", "/master/api/providers.json", form("a-long-enough-password"))
		status(t, r, 201)
		s := obj(t, r, "signup")
		acc := inner(t, s, "account")
		if acc["admin_domain"] != want+"-admin.turnpike.local" || acc["domain"] != want+".turnpike.local" {
			t.Fatalf("tenant %d: domains %v %v, want %s", i, acc["admin_domain"], acc["domain"], want)
		}
		scopes := array(t, inner(t, s, "access_token"), "scopes")
		if len(scopes) != 2 || scopes[0] != "account_management" || scopes[1] != "policy_registry" {
			t.Fatalf("scopes %v", scopes)
		}
	}
}

// Master authenticates with its access token, or with its provider key in
// api_key; the access token is not a provider key, nor the reverse.
func TestMasterCredentials(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	path := "/master/api/providers/" + testenv.S(tn.ID) + ".json"
	key := credential.MasterProviderKey(testenv.MasterToken)
	for _, c := range []struct {
		name string
		form url.Values
		want int
	}{
		{"access token", url.Values{"access_token": {testenv.MasterToken}}, 200},
		{"provider key as api_key", url.Values{"api_key": {key}}, 200},
		{"access token as api_key", url.Values{"api_key": {testenv.MasterToken}}, 403},
		{"provider key as access_token", url.Values{"access_token": {key}}, 403},
		{"provider key as provider_key", url.Values{"provider_key": {key}}, 403},
		{"tenant token", url.Values{"access_token": {tn.Token}}, 403},
		{"tenant provider key", url.Values{"api_key": {tn.ProviderKey}}, 403},
		{"nothing", url.Values{}, 403},
	} {
		if r := env.Do(t, "GET", path, c.form); r.Status != c.want {
			t.Errorf("%s: %d %s", c.name, r.Status, r.Body)
		}
	}
}

// The tenant lifecycle through the Master API: read, update, suspend (its
// admin API answers 403 and its applications stop at the very next call),
// resume (everything as before, usage included), schedule for deletion (a
// deletion_date 15 days ahead; only state_event is honored), resume again.
func TestTenantLifecycle(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 100})
	path := "/master/api/providers/" + testenv.S(tn.ID) + ".json"
	status(t, authrepOf(t, env, tn, app), 200, "<current_value>1</current_value>")

	acc := tenantOf(t, env, tn.ID)
	if acc["state"] != "approved" || acc["provider_key"] != tn.ProviderKey {
		t.Fatalf("read: %v", acc)
	}
	r := master(t, env, "PUT", path, url.Values{"from_email": {"from@acme.example"}, "account[support_email]": {"help@acme.example"},
		"site_access_code": {"open-sesame"}})
	status(t, r, 200)
	acc = obj(t, r, "signup", "account")
	if acc["from_email"] != "from@acme.example" || acc["support_email"] != "help@acme.example" || acc["site_access_code"] != "open-sesame" {
		t.Fatalf("update: %v", acc)
	}
	status(t, master(t, env, "PUT", path, url.Values{"support_email": {"not an email"}}), 422)
	tenantEvent(t, env, tn.ID, "resume", 422)  // approved cannot resume
	tenantEvent(t, env, tn.ID, "explode", 422) // no such event
	status(t, master(t, env, "PUT", "/master/api/providers/999999999.json", url.Values{"state_event": {"suspend"}}), 404)

	// Suspended: the admin API answers an empty 403, authrep refuses at once.
	if s := tenantEvent(t, env, tn.ID, "suspend", 200)["state"]; s != "suspended" {
		t.Fatalf("suspend: %v", s)
	}
	r = tn.Do(t, "GET", "/admin/api/services.json", nil)
	if r.Status != 403 || len(r.Body) != 0 {
		t.Fatalf("admin API of a suspended tenant: %d %s", r.Status, r.Body)
	}
	status(t, tn.Do(t, "POST", "/admin/api/services.json", url.Values{"name": {"x"}}), 403)
	status(t, authrepOf(t, env, tn, app), 403, "provider_key_invalid")
	status(t, master(t, env, "POST", path[:len(path)-5]+"/purge.json", url.Values{"dry_run": {"true"}}), 200)

	// Resumed: as before, the day's usage included.
	tenantEvent(t, env, tn.ID, "resume", 200)
	status(t, authrepOf(t, env, tn, app), 200, "<current_value>2</current_value>")
	status(t, tn.Do(t, "GET", "/admin/api/services.json", nil), 200)

	// Scheduled for deletion: 15 days ahead; fields are not honored, a
	// second DELETE is not found, an approved tenant is never purged.
	status(t, master(t, env, "POST", path[:len(path)-5]+"/purge.json", nil), 422)
	r = master(t, env, "DELETE", path, nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	acc = tenantOf(t, env, tn.ID)
	changed, _ := time.Parse(time.RFC3339, text(t, acc, "updated_at"))
	deletion, err := time.Parse(time.RFC3339, text(t, acc, "deletion_date"))
	if err != nil || acc["state"] != "scheduled_for_deletion" || deletion.Sub(changed) != 15*24*time.Hour {
		t.Fatalf("scheduled: %v (%v)", acc, err)
	}
	status(t, master(t, env, "DELETE", path, nil), 404)
	status(t, master(t, env, "PUT", path, url.Values{"from_email": {"other@acme.example"}}), 200)
	if tenantOf(t, env, tn.ID)["from_email"] != "from@acme.example" {
		t.Fatal("a field changed while scheduled for deletion")
	}
	status(t, tn.Do(t, "GET", "/admin/api/provider.json", nil), 403)
	status(t, authrepOf(t, env, tn, app), 403, "provider_key_invalid")
	if s := tenantEvent(t, env, tn.ID, "resume", 200); s["state"] != "approved" || s["deletion_date"] != nil {
		t.Fatalf("resume: %v", s)
	}
	status(t, authrepOf(t, env, tn, app), 200, "<current_value>3</current_value>")
}

// The provider's own account: read and update by its admins; its state is
// not theirs to change.
func TestProviderAccount(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "PUT", "/admin/api/provider.json", url.Values{"from_email": {"no-reply@acme.example"},
		"finance_support_email": {"billing@acme.example"}, "org_name": {"Acme Renamed"}, "state": {"suspended"}})
	status(t, r, 200)
	acc := obj(t, r, "account")
	if acc["from_email"] != "no-reply@acme.example" || acc["finance_support_email"] != "billing@acme.example" ||
		acc["org_name"] != "Acme Renamed" || acc["state"] != "approved" {
		t.Fatalf("update: %v", acc)
	}
	if got := obj(t, tn.Do(t, "GET", "/admin/api/provider.json", nil), "account"); got["org_name"] != "Acme Renamed" {
		t.Fatalf("read back: %v", got)
	}
	fieldError(t, tn.Do(t, "PUT", "/admin/api/provider.json", url.Values{"org_name": {""}}), 422, "org_name")
}
