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
	app := tn.Create(t, "/admin/api/accounts/"+testenv.S(testenv.ID(acc))+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(testenv.ID(plan))}, "name": {"app"}})
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey}, "user_key": {text(t, app, "user_key")}, "usage[hits]": {"1"}})
	status(t, r, 200, "<plan>Default plan</plan>")
}
