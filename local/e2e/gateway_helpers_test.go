package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// echoProduct is the quickstart's product: the Echo API in front of the local
// Echo API, metrics hits (method test), v1 and v2, plan Basic with test ≤ 5 an
// hour and v2 disabled, and an application with a user key.
type echoProduct struct {
	env                 *testenv.Env
	tn                  *testenv.Tenant
	svc, plan           int64
	hits, test, v1, v2  int64
	userKey             string
	staging, production string // public hosts
}

func newEchoProduct(t *testing.T) *echoProduct {
	t.Helper()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	p := &echoProduct{env: env, tn: tn}
	p.svc = testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Echo API"}}))
	p.hits = tn.MetricID(t, p.svc, "hits")
	p.test = testenv.ID(t, tn.Create(t, sp(p.svc, "/metrics/"+testenv.S(p.hits)+"/methods.json"), "method",
		url.Values{"friendly_name": {"test"}, "system_name": {"test"}}))
	p.v1 = testenv.ID(t, tn.Create(t, sp(p.svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"v1"}, "unit": {"hit"}}))
	p.v2 = testenv.ID(t, tn.Create(t, sp(p.svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"v2"}, "unit": {"hit"}}))
	p.plan = testenv.ID(t, tn.Create(t, sp(p.svc, "/application_plans.json"), "application_plan",
		url.Values{"name": {"Basic"}, "state_event": {"publish"}}))
	tn.Create(t, limitsPath(p.plan, p.test)+".json", "limit", url.Values{"period": {"hour"}, "value": {"5"}})
	tn.Create(t, limitsPath(p.plan, p.v2)+".json", "limit", url.Values{"period": {"eternity"}, "value": {"0"}})
	dev := testenv.Unique("dev")
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}}))
	app := tn.Create(t, "/admin/api/accounts/"+testenv.S(acc)+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(p.plan)}, "name": {"Echo client"}})
	p.userKey = text(t, app, "user_key")
	px := obj(t, tn.Do(t, "PATCH", sp(p.svc, "/proxy.json"), url.Values{"api_backend": {env.EchoURL}}), "proxy")
	p.staging, p.production = hostOf(t, px["sandbox_endpoint"]), hostOf(t, px["endpoint"])
	return p
}

func hostOf(t *testing.T, v any) string {
	t.Helper()
	s, _ := v.(string)
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		t.Fatalf("not a base URL: %v", v)
	}
	return u.Hostname()
}

// rule creates a mapping rule and returns its id.
func (p *echoProduct) rule(t *testing.T, method, pattern string, metric int64, extra ...string) int64 {
	t.Helper()
	form := url.Values{"http_method": {method}, "pattern": {pattern}, "metric_id": {testenv.S(metric)}, "delta": {"1"}}
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	return testenv.ID(t, p.tn.Create(t, sp(p.svc, "/proxy/mapping_rules.json"), "mapping_rule", form))
}

// rules lists the mapping rules in position order.
func (p *echoProduct) rules(t *testing.T) []jmap {
	t.Helper()
	r := p.tn.Do(t, "GET", sp(p.svc, "/proxy/mapping_rules.json"), nil)
	status(t, r, 200)
	return items(t, r, "mapping_rules", "mapping_rule")
}

// deleteRules removes every mapping rule (the default GET / one included).
func (p *echoProduct) deleteRules(t *testing.T) {
	t.Helper()
	for _, r := range p.rules(t) {
		status(t, p.tn.Do(t, "DELETE", sp(p.svc, "/proxy/mapping_rules/"+testenv.S(testenv.ID(t, r))+".json"), nil), 200)
	}
}

func (p *echoProduct) deploy(t *testing.T) {
	t.Helper()
	status(t, p.tn.Do(t, "POST", sp(p.svc, "/proxy/deploy.json"), nil), 201)
}

// call sends a request through the gateway to host.
func (p *echoProduct) call(t *testing.T, method, host, target string, hdr ...string) *testenv.Response {
	t.Helper()
	return gatewayCall(t, p.env, method, host, target, "", hdr...)
}

func gatewayCall(t testing.TB, env *testenv.Env, method, host, target, body string, hdr ...string) *testenv.Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, env.GatewayURL+target, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return env.Send(t, req)
}

// answer checks a gateway answer: status and exact body.
func answer(t *testing.T, r *testenv.Response, status int, body, what string) {
	t.Helper()
	if r.Status != status || (body != "" && string(r.Body) != body) {
		t.Fatalf("%s: want %d %q, got %d %q", what, status, body, r.Status, r.Body)
	}
}

// echoed checks that the Echo API answered, and returns what it received.
func echoed(t *testing.T, r *testenv.Response, what string) jmap {
	t.Helper()
	if r.Status != 200 || r.Header.Get("X-Echo") != "1" {
		t.Fatalf("%s: want the Echo API's 200, got %d %s", what, r.Status, r.Body)
	}
	return r.JSON(t)
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
