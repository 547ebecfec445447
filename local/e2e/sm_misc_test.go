package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// 6.1 §39: health, status, availability, CORS, end users, unknown routes.
func TestSMMisc(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	r := env.Do(t, "GET", "/status", nil)
	status(t, r, 200)
	if r.String() != `{"status":"ok","version":{"backend":"3.4.3"}}` || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status: %s %v", r.Body, r.Header)
	}
	r = env.Do(t, "HEAD", "/available", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("available: %d %q", r.Status, r.Body)
	}
	for _, p := range []string{"/transactions/authrep.xml", "/transactions/authorize.xml", "/transactions/oauth_authrep.xml", "/transactions.xml"} {
		req, _ := http.NewRequest("OPTIONS", env.URL+p, nil)
		req.Header.Set("Origin", "https://example.com")
		req.Header.Set("Access-Control-Request-Method", "GET")
		r = env.Send(t, req)
		if r.Status != 204 || r.Header.Get("Access-Control-Allow-Origin") != "*" || r.Header.Get("Access-Control-Max-Age") != "86400" ||
			r.Header.Get("Access-Control-Allow-Methods") != "GET, POST, PATCH, PUT, DELETE" {
			t.Fatalf("preflight %s: %d %v", p, r.Status, r.Header)
		}
	}
	f := newSM(t, smOpts{})
	for _, ep := range []string{"authorize", "authrep"} {
		status(t, f.call(ep, f.q("user_id", "123"), ""), 400,
			errBody("end_users_no_longer_supported", "End-users are no longer supported, do not specify the user_id parameter"))
	}
	// Only GET serves the authorization calls; GET /transactions.xml is no route.
	status(t, env.Do(t, "POST", "/transactions/authorize.xml", url.Values{}), 404)
	status(t, env.Do(t, "GET", "/transactions.xml", nil), 404)
	// Unknown parameters are ignored.
	status(t, f.authorize(f.q("foo", "bar", "nested[x]", "1")), 200)
	r = f.authorize(f.q())
	if r.Header.Get("Content-Security-Policy") != "default-src 'self'" || r.Header.Get("Access-Control-Expose-Headers") != "ETag, Link, 3scale-rejection-reason" {
		t.Fatalf("headers %v", r.Header)
	}
}

// A tenant the Master API suspends or schedules for deletion is refused on
// the very next call, by provider key or service token, as 3scale refuses an
// unknown provider; resumed (approved again), it is answered at once.
func TestSMTenantStates(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	token := f.serviceToken()
	byToken := url.Values{"service_token": {token}, "service_id": {testenv.S(f.svc)}, "app_id": {f.app.AppID}}
	status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	status(t, f.authrep(byToken), 200)
	provider := "/master/api/providers/" + testenv.S(f.tn.ID) + ".json"
	for _, state := range []string{"scheduled_for_deletion", "suspended"} {
		if state == "suspended" {
			tenantEvent(t, f.env, f.tn.ID, "suspend", 200)
		} else {
			status(t, master(t, f.env, "DELETE", provider, nil), 200)
		}
		if got := text(t, tenantOf(t, f.env, f.tn.ID), "state"); got != state {
			t.Fatalf("tenant state %q, want %q", got, state)
		}
		status(t, f.authrep(f.q("usage[hits]", "1")), 403, errBody("provider_key_invalid", `provider key "`+f.tn.ProviderKey+`" is invalid`))
		status(t, f.authorize(byToken), 403, "service_token_invalid")
		status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=1"), 403, "provider_key_invalid")
		if got := text(t, tenantEvent(t, f.env, f.tn.ID, "resume", 200), "state"); got != "approved" {
			t.Fatalf("resumed tenant state %q, want approved", got)
		}
		status(t, f.authrep(f.q("usage[hits]", "1")), 200)
		status(t, f.authorize(byToken), 200)
	}
}

// Rack's limits on parameters: more than 4096 is a 400.
func TestSMTooManyParameters(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	q := "/transactions/authorize.xml?provider_key=" + f.tn.ProviderKey + "&app_id=" + f.app.AppID + strings.Repeat("&x=1", 4100)
	status(t, f.env.Raw(t, "GET", q, "", nil), 400, errBody("bad_request", "total number of query parameters (4102) exceeds limit (4096)"))
}

// Without service_id, the provider's default service answers.
func TestSMDefaultService(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	plan := tn.Create(t, "/admin/api/services/"+testenv.S(tn.DefaultService)+"/application_plans.json", "application_plan", url.Values{"name": {"Default plan"}})
	dev := testenv.Unique("dev")
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	app := tn.Create(t, "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(testenv.ID(t, plan))}, "name": {"app"}})
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey}, "user_key": {text(t, app, "user_key")}, "usage[hits]": {"1"}})
	status(t, r, 200, "<plan>Default plan</plan>")
}
