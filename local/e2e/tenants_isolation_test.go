package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

// isoTenant is a tenant with one of everything an operation's path can
// name. Two of them are built with the same names, system names, user keys
// and application ids: only their tenant tells them apart.
type isoTenant struct {
	tn           *testenv.Tenant
	ids          map[string]string // what a path segment names → the id
	serviceToken string
	ro, noScope  string // personal tokens: read-only; without account_management
	hookSecret   string // the webhooks' signing secret
}

func newIsoTenant(t *testing.T, env *testenv.Env) *isoTenant {
	t.Helper()
	tn := env.NewTenant(t)
	x := &isoTenant{tn: tn, ids: map[string]string{"provider": testenv.S(tn.ID), "transaction": "authrep.xml"}}
	id := func(obj map[string]any) string { return testenv.S(testenv.ID(t, obj)) }
	svc := tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Echo"}, "system_name": {"echo"}})
	x.ids["service"] = id(svc)
	s := "/admin/api/services/" + x.ids["service"]
	x.ids["metric"] = testenv.S(tn.MetricID(t, testenv.ID(t, svc), "hits"))
	x.ids["method"] = id(tn.Create(t, s+"/metrics/"+x.ids["metric"]+"/methods.json", "method",
		url.Values{"friendly_name": {"Search"}, "system_name": {"search"}}))
	x.ids["application_plan"] = id(tn.Create(t, s+"/application_plans.json", "application_plan", url.Values{"name": {"Basic"}, "system_name": {"basic"}}))
	x.ids["service_plan"] = id(tn.Create(t, s+"/service_plans.json", "service_plan", url.Values{"name": {"Gold"}, "system_name": {"gold"}}))
	x.ids["account_plan"] = id(tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"Partners"}, "system_name": {"partners"}}))
	p := "/admin/api/application_plans/" + x.ids["application_plan"] + "/metrics/" + x.ids["metric"]
	x.ids["limit"] = id(tn.Create(t, p+"/limits.json", "limit", url.Values{"period": {"day"}, "value": {"100"}}))
	x.ids["rule"] = id(tn.Create(t, p+"/pricing_rules.json", "pricing_rule", url.Values{"min": {"1"}, "max": {"10"}, "cost_per_unit": {"0.5"}}))
	x.ids["account_feature"] = id(tn.Create(t, "/admin/api/features.json", "feature", url.Values{"name": {"SLA"}, "system_name": {"sla"}}))
	x.ids["service_feature"] = id(tn.Create(t, s+"/features.json", "feature", url.Values{"name": {"Fast"}, "system_name": {"fast"}}))
	status(t, tn.Do(t, "PUT", "/admin/api/account_plans/"+x.ids["account_plan"]+"/default.json", nil), 200)
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Dev Co"}, "username": {"dev"},
		"email": {"dev@example.com"}, "password": {"a-long-enough-password"}})
	x.ids["account"] = id(acc)
	a := "/admin/api/accounts/" + x.ids["account"]
	x.ids["user"] = id(tn.Create(t, a+"/users.json", "user", url.Values{"username": {"second"}, "email": {"second@example.com"}}))
	x.ids["invitation"] = id(tn.Create(t, a+"/invitations.json", "invitation", url.Values{"email": {"third@example.com"}}))
	app := tn.Create(t, a+"/applications.json", "application", url.Values{"plan_id": {x.ids["application_plan"]}, "name": {"app"},
		"user_key": {"the-same-user-key"}, "application_id": {"same-app-id"}})
	x.ids["application"] = id(app)
	ap := a + "/applications/" + x.ids["application"]
	status(t, tn.Do(t, "POST", ap+"/keys.json", url.Values{"key": {"the-same-app-key"}}), 201)
	x.ids["key"] = "the-same-app-key"
	status(t, tn.Do(t, "POST", ap+"/referrer_filters.json", url.Values{"referrer_filter": {"example.com"}}), 201)
	x.ids["filter"] = id(items(t, tn.Do(t, "GET", ap+"/referrer_filters.json", nil), "referrer_filters", "referrer_filter")[0])
	// Signup subscribed the account to the service.
	x.ids["subscription"] = id(items(t, tn.Do(t, "GET", a+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")[0])
	x.ids["mapping_rule"] = id(tn.Create(t, s+"/proxy/mapping_rules.json", "mapping_rule", url.Values{"http_method": {"GET"},
		"pattern": {"/search"}, "metric_id": {x.ids["method"]}, "delta": {"1"}}))
	status(t, tn.Do(t, "PATCH", s+"/proxy.json", url.Values{"api_backend": {"http://127.0.0.1:9"}}), 200)
	status(t, tn.Do(t, "POST", s+"/proxy/deploy.json", nil), 201) // sandbox config version 1
	x.ids["environment"], x.ids["version"] = "sandbox", "1"
	r := tn.Do(t, "POST", s+"/service_tokens.json", nil)
	status(t, r, 201)
	x.serviceToken = text(t, obj(t, r, "service_token"), "value")
	x.ro = accToken(t, env, tn, "ro", "account_management")
	x.noScope = accToken(t, env, tn, "rw", "stats", "policy_registry")
	r = tn.Do(t, "GET", "/admin/api/personal/access_tokens.json", nil)
	status(t, r, 200)
	x.ids["access_token"] = testenv.S(num(t, items(t, r, "access_tokens", "access_token")[0], "id"))
	status(t, env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {x.ids["service"]}, "user_key": {"the-same-user-key"}, "usage[hits]": {"1"}}), 200, "<authorized>true</authorized>")
	awaitUsage(t, tn, testenv.ID(t, app), 1)
	x.ids["event"], x.hookSecret = deliveredEvent(t, tn, a)
	return x
}

// deliveredEvent points the tenant's webhooks at a receiver, updates the
// account at path acc and waits until the event is delivered: a webhook
// event that no longer changes, for paths that name one.
func deliveredEvent(t *testing.T, tn *testenv.Tenant, acc string) (id, secret string) {
	t.Helper()
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(io.Discard, r.Body) }))
	t.Cleanup(rc.Close)
	r := tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"url": {rc.URL + "/hooks"}, "active": {"true"},
		"provider_actions": {"true"}, "account_updated_on": {"true"}})
	status(t, r, 200)
	secret = text(t, obj(t, r, "webhook"), "secret")
	status(t, tn.Do(t, "PUT", acc+".json", url.Values{"org_name": {"Dev Co Ltd"}}), 200)
	for i := 0; ; i++ {
		evs := items(t, tn.Do(t, "GET", "/admin/api/webhooks/events.json", nil), "events", "event")
		if len(evs) == 1 && evs[0]["state"] == "delivered" {
			return testenv.S(num(t, evs[0], "id")), secret
		}
		if i == 200 {
			t.Fatalf("webhook event not delivered: %v", evs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var pathVar = regexp.MustCompile(`\{[a-z_]*\}`)

// path fills an operation's route with the tenant's ids; the name of a
// variable comes from the segment before it ("features" under a service is
// a service feature). Bare endings get .json.
func (x *isoTenant) path(op ops.Operation) string {
	segs := strings.Split(op.Path, "/")
	for i, s := range segs {
		if !pathVar.MatchString(s) {
			continue
		}
		prev := strings.TrimSuffix(segs[i-1], "s")
		switch {
		case prev == "feature" && strings.Contains(op.Path, "/services/") || prev == "feature" && strings.HasPrefix(op.Path, "/admin/api/service_plans/") || prev == "feature" && strings.HasPrefix(op.Path, "/admin/api/application_plans/"):
			prev = "service_feature"
		case prev == "feature":
			prev = "account_feature"
		case prev == "pricing_rule":
			prev = "rule"
		case prev == "referrer_filter":
			prev = "filter"
		case prev == "service_subscription":
			prev = "subscription"
		case s == "{environment}" || s == "{version}":
			prev = strings.Trim(s, "{}")
		case prev == "user" || prev == "invitation":
		}
		v, ok := x.ids[prev]
		if !ok {
			panic("isolation: no id for " + s + " after " + segs[i-1] + " in " + op.Path)
		}
		segs[i] = pathVar.ReplaceAllString(s, v)
	}
	p := strings.Join(segs, "/")
	if last := segs[len(segs)-1]; !strings.Contains(last, ".") && op.Path != "/status" && op.Path != "/available" {
		p += ".json"
	}
	return p
}

// params are what an attacker sends besides the path: the other tenant's
// ids and keys in every parameter that could name them.
func (x *isoTenant) params() url.Values {
	return url.Values{"service_id": {x.ids["service"]}, "account_id": {x.ids["account"]}, "application_id": {x.ids["application"]},
		"plan_id": {x.ids["application_plan"]}, "user_key": {"the-same-user-key"}, "app_id": {"same-app-id"},
		"user_id": {x.ids["user"]}, "username": {"dev"}, "metric_id": {x.ids["metric"]}, "usage[hits]": {"1"},
		"provider_id": {x.ids["provider"]}, "id": {x.ids["account"]}}
}

// smParams name A's service and application in a Service Management call.
func (x *isoTenant) smParams() url.Values {
	return url.Values{"service_id": {x.ids["service"]}, "user_key": {"the-same-user-key"}, "usage[hits]": {"1"},
		"transactions[0][user_key]": {"the-same-user-key"}, "transactions[0][usage][hits]": {"1"}}
}

// Every operation of the registry, tried on tenant A with tenant B's
// credentials: admin and stats operations with B's token (and with A's ids in
// the path), master operations with B's token and provider key, Service
// Management operations with B's provider key and service token on A's
// service. Whatever names A is refused with 403 or 404, nothing B sees shows
// A's secrets, and A's items in every table are identical afterwards.
func TestIsolationEveryOperation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	a, b := newIsoTenant(t, env), newIsoTenant(t, env)
	// The paths name real objects of A: A's own token reads every one.
	for _, op := range ops.All() {
		if op.Method == "GET" && strings.HasPrefix(op.Path, "/admin/api/") && strings.Contains(op.Path, "{") {
			if r := a.tn.Do(t, "GET", a.path(op), a.params()); r.Status != 200 {
				t.Fatalf("%s: A's own token on %s: %d %s", op.Name, a.path(op), r.Status, r.Body)
			}
		}
	}
	before := tableItems(t, env, a.tn.ID)
	secrets := []string{a.tn.ProviderKey, a.tn.Token, a.serviceToken, a.ro, a.hookSecret}
	tried := 0
	for _, op := range ops.All() {
		// An environment names no object: the account-level config list is B's own.
		named := strings.Contains(strings.ReplaceAll(op.Path, "{environment}", ""), "{")
		var attempts []url.Values
		switch {
		case strings.HasPrefix(op.Path, "/master/"):
			attempts = []url.Values{{"access_token": {b.tn.Token}}, {"api_key": {b.tn.ProviderKey}}, {"provider_key": {b.tn.ProviderKey}}}
		case strings.HasPrefix(op.Path, "/admin/api/") || strings.HasPrefix(op.Path, "/stats/"):
			attempts = []url.Values{{"access_token": {b.tn.Token}}, {"provider_key": {b.tn.ProviderKey}}}
		case strings.HasPrefix(op.Path, "/transactions"):
			attempts = []url.Values{{"provider_key": {b.tn.ProviderKey}}, {"service_token": {b.serviceToken}}}
		default:
			continue // /status, /available, /check.txt: nothing of a tenant
		}
		for _, creds := range attempts {
			form := a.params()
			if strings.HasPrefix(op.Path, "/transactions") {
				form = a.smParams()
			}
			for k, v := range creds {
				form[k] = v
			}
			if op.Method == "OPTIONS" {
				continue
			}
			r := env.Do(t, op.Method, a.path(op), form)
			tried++
			master := strings.HasPrefix(op.Path, "/master/")
			switch {
			case master || named || strings.HasPrefix(op.Path, "/transactions"):
				if r.Status != 403 && r.Status != 404 {
					t.Errorf("%s with B's %v: %d %s", op.Name, keys(creds), r.Status, r.Body)
				}
			case r.Status >= 500:
				t.Errorf("%s with B's %v: %d %s", op.Name, keys(creds), r.Status, r.Body)
			}
			// Ids come from one sequence: none of A's can name an object of B.
			for name, id := range a.ids {
				if _, err := strconv.Atoi(id); err == nil && (strings.Contains(r.String(), `"id":`+id+`,`) || strings.Contains(r.String(), "<id>"+id+"</id>")) {
					t.Errorf("%s with B's %v shows A's %s %s: %s", op.Name, keys(creds), name, id, r.Body)
				}
			}
			for _, s := range secrets {
				if strings.Contains(r.String(), s) {
					t.Errorf("%s with B's %v shows a secret of A", op.Name, keys(creds))
				}
			}
		}
	}
	if after := tableItems(t, env, a.tn.ID); !reflect.DeepEqual(after, before) {
		t.Fatalf("A changed after %d attempts by B", tried)
	}
	t.Logf("%d attempts by B on A, all refused; A unchanged", tried)
}

func keys(v url.Values) []string {
	var out []string
	for k := range v {
		out = append(out, k)
	}
	return out
}

// A read-only personal token never writes, and a token without the route's
// scope is refused, on every admin operation of the registry.
func TestIsolationTokenPermissions(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	a := newIsoTenant(t, env)
	before := tableItems(t, env, a.tn.ID)
	for _, op := range ops.All() {
		if !strings.HasPrefix(op.Path, "/admin/api/") && !strings.HasPrefix(op.Path, "/stats/") {
			continue
		}
		if op.Method != "GET" {
			r := env.Do(t, op.Method, a.path(op), url.Values{"access_token": {a.ro}})
			if r.Status != 403 || !strings.Contains(r.String(), "does not have the correct permissions") {
				t.Errorf("%s with a ro token: %d %s", op.Name, r.Status, r.Body)
			}
		}
		// The /stats routes need the stats scope, the others account_management.
		outOfScope := a.noScope
		if strings.HasPrefix(op.Path, "/stats/") {
			outOfScope = a.ro
		}
		r := env.Do(t, op.Method, a.path(op), url.Values{"access_token": {outOfScope}})
		if r.Status != 403 || !strings.Contains(r.String(), "does not have the correct permissions") {
			t.Errorf("%s with a token without the route's scope: %d %s", op.Name, r.Status, r.Body)
		}
	}
	if !reflect.DeepEqual(tableItems(t, env, a.tn.ID), before) {
		t.Fatal("a ro or out-of-scope token changed something")
	}
}
