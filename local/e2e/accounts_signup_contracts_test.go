package e2e

import (
	"net/url"
	"strconv"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// signupWorld is a tenant with two services besides its default one: A has a
// default application plan, B has an application plan (requiring approval)
// and a second service plan, but no default application plan.
type signupWorld struct {
	*appsWorld
	svcA, planA, svcB, planB, spB int64
}

func newSignupWorld(t *testing.T) *signupWorld {
	t.Helper()
	env := testenv.Get(t)
	w := &signupWorld{appsWorld: &appsWorld{env: env, tn: env.NewTenant(t)}}
	w.svcA = w.service(t, nil)
	w.planA = w.appPlan(t, w.svcA, nil)
	send(t, w.tn, 200, "PUT", "/admin/api/services/"+testenv.S(w.svcA)+"/application_plans/"+testenv.S(w.planA)+"/default.json", nil)
	w.svcB = w.service(t, nil)
	w.planB = w.appPlan(t, w.svcB, url.Values{"approval_required": {"true"}})
	w.spB = testenv.ID(t, w.tn.Create(t, "/admin/api/services/"+testenv.S(w.svcB)+"/service_plans.json", "service_plan",
		url.Values{"name": {"Premium"}}))
	return w
}

// signup signs a developer up with extra parameters and returns the account's JSON.
func (w *signupWorld) signup(t *testing.T, path string, extra url.Values) *testenv.Response {
	t.Helper()
	name := testenv.Unique("dev")
	form := url.Values{"org_name": {name}, "username": {name}, "email": {name + "@example.com"}, "password": {accPassword}}
	for k, v := range extra {
		form[k] = v
	}
	return w.tn.Do(t, "POST", path, form)
}

// subscriptions maps service → service plan of an account's subscriptions.
func (w *signupWorld) subscriptions(t *testing.T, acc int64) map[int64]int64 {
	t.Helper()
	out := map[int64]int64{}
	for _, s := range items(t, send(t, w.tn, 200, "GET", w.subs(acc)+".json", nil), "service_subscriptions", "service_subscription") {
		out[num(t, s, "service_id")] = num(t, s, "plan_id")
	}
	return out
}

// A signup subscribes the account to every service with a default
// application plan and to the services of the plans it names, and creates an
// "API signup" application on the given or default application plan.
func TestSignupContracts(t *testing.T) {
	t.Parallel()
	w := newSignupWorld(t)
	defA, defB := w.defaultServicePlan(t, w.svcA), w.defaultServicePlan(t, w.svcB)

	// A service plan of B: a subscription to B on it, none to the default service
	// (no default application plan); A by its default application plan.
	r := w.signup(t, "/admin/api/signup.json", url.Values{"service_plan_id": {testenv.S(w.spB)}})
	status(t, r, 201)
	acc := obj(t, r, "account")
	if _, ok := acc["applications"]; ok || acc["state"] != "approved" {
		t.Fatalf("the JSON answer is the account alone: %s", r.Body)
	}
	first := num(t, acc, "id")
	if subs := w.subscriptions(t, first); len(subs) != 2 || subs[w.svcA] != defA || subs[w.svcB] != w.spB {
		t.Fatalf("subscriptions %v", subs)
	}
	apps := w.accountApps(t, first)
	if len(apps) != 1 || apps[0]["name"] != "API signup" || apps[0]["description"] != "API signup" ||
		num(t, apps[0], "plan_id") != w.planA || apps[0]["state"] != "live" || apps[0]["enabled"] != true {
		t.Fatalf("applications %v", apps)
	}
	// The application is a real one.
	status(t, w.env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {w.tn.ProviderKey},
		"service_id": {testenv.S(w.svcA)}, "user_key": {text(t, apps[0], "user_key")}, "usage[hits]": {"1"}}), 200)

	// An application plan of B, in XML: B on its default service plan with a
	// pending application (the plan requires approval), and A as before.
	r = w.signup(t, "/admin/api/signup.xml", url.Values{"application_plan_id": {testenv.S(w.planB)}})
	status(t, r, 201)
	var x struct {
		ID    int64 `xml:"id"`
		Plans []struct {
			ID   int64  `xml:"id"`
			Type string `xml:"type"`
		} `xml:"plans>plan"`
		Apps []struct {
			ID      int64  `xml:"id"`
			State   string `xml:"state"`
			Service int64  `xml:"service_id"`
			Name    string `xml:"name"`
			Plan    struct {
				ID int64 `xml:"id"`
			} `xml:"plan"`
		} `xml:"applications>application"`
		Users []struct {
			Username string `xml:"username"`
		} `xml:"users>user"`
	}
	accXML(t, r, &x)
	if len(x.Plans) != 4 || x.Plans[0].ID != defA || x.Plans[0].Type != "service_plan" || x.Plans[1].ID != w.planA ||
		x.Plans[1].Type != "application_plan" || x.Plans[2].ID != defB || x.Plans[3].ID != w.planB || len(x.Users) != 1 {
		t.Fatalf("XML plans: %s", r.Body)
	}
	if len(x.Apps) != 2 || x.Apps[0].Service != w.svcA || x.Apps[0].State != "live" || x.Apps[1].Service != w.svcB ||
		x.Apps[1].State != "pending" || x.Apps[1].Plan.ID != w.planB || x.Apps[1].Name != "API signup" {
		t.Fatalf("XML applications: %s", r.Body)
	}
	if subs := w.subscriptions(t, x.ID); len(subs) != 2 || subs[w.svcA] != defA || subs[w.svcB] != defB {
		t.Fatalf("subscriptions %v", subs)
	}
	// Both: one subscription and one application on B.
	r = w.signup(t, "/admin/api/signup.json", url.Values{"service_plan_id": {testenv.S(w.spB)}, "application_plan_id": {testenv.S(w.planB)}})
	status(t, r, 201)
	third := num(t, obj(t, r, "account"), "id")
	if subs := w.subscriptions(t, third); len(subs) != 2 || subs[w.svcB] != w.spB || len(w.accountApps(t, third)) != 2 {
		t.Fatalf("subscriptions %v", subs)
	}
	// Every contract counts, so the plans cannot be deleted.
	for plan, want := range map[int64]int64{w.planA: 3, defA: 3, w.planB: 2, w.spB: 2, defB: 1} {
		if n := w.contracts(t, plan); n != want {
			t.Fatalf("plan %d has %d contracts, want %d", plan, n, want)
		}
	}
	send(t, w.tn, 403, "DELETE", "/admin/api/services/"+testenv.S(w.svcA)+"/application_plans/"+testenv.S(w.planA)+".json", nil)
	w.assertCounters(t)
	// The applications are listed tenant-wide and by service.
	if l := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"service_id": {testenv.S(w.svcB)}}), "applications", "application"); len(l) != 2 {
		t.Fatalf("applications of B: %d", len(l))
	}
}

// Plans that are not the tenant's plans of the type named are not found, and
// a refused signup writes nothing.
func TestSignupContractsRefused(t *testing.T) {
	t.Parallel()
	w := newSignupWorld(t)
	other := newSignupWorld(t)
	for name, form := range map[string]url.Values{
		"unknown service plan":          {"service_plan_id": {"999999999"}},
		"application plan as service":   {"service_plan_id": {testenv.S(w.planA)}},
		"service plan as application":   {"application_plan_id": {testenv.S(w.spB)}},
		"another tenant's service plan": {"service_plan_id": {testenv.S(other.spB)}},
		"another tenant's app plan":     {"application_plan_id": {testenv.S(other.planB)}},
		"zero":                          {"application_plan_id": {"0"}},
		"negative":                      {"service_plan_id": {"-4"}},
		"known with unknown":            {"service_plan_id": {testenv.S(w.spB)}, "application_plan_id": {"999999999"}},
	} {
		form.Set("username", "refused")
		if r := w.signup(t, "/admin/api/signup.json", form); r.Status != 404 {
			t.Fatalf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	fieldError(t, w.signup(t, "/admin/api/signup.json", url.Values{"service_plan_id": {"premium"}}), 422, "service_plan_id")
	// A custom plan belongs to its application.
	app := w.accountApps(t, num(t, obj(t, w.signup(t, "/admin/api/signup.json", nil), "account"), "id"))[0]
	custom := obj(t, send(t, w.tn, 200, "PUT", w.app(num(t, app, "account_id"), testenv.ID(t, app))+"/customize_plan.json", nil), "application_plan")
	status(t, w.signup(t, "/admin/api/signup.json", url.Values{"application_plan_id": {testenv.S(testenv.ID(t, custom))}}), 404)
	// Nothing was written by the refusals: the name is free, the plans count one account.
	status(t, w.signup(t, "/admin/api/signup.json", url.Values{"username": {"refused"}}), 201)
	if n := w.contracts(t, w.defaultServicePlan(t, w.svcA)); n != 2 {
		t.Fatalf("%d contracts", n)
	}
	if n := w.contracts(t, w.spB); n != 0 {
		t.Fatalf("%d contracts", n)
	}
	w.assertCounters(t)
}

// A signup whose contracts do not fit into one transaction is refused whole.
func TestSignupContractsTooMany(t *testing.T) {
	t.Parallel()
	w := &appsWorld{env: testenv.Get(t)}
	w.tn = w.env.NewTenant(t)
	for i := 0; i < 10; i++ {
		svc := w.service(t, nil)
		plan := w.appPlan(t, svc, nil)
		send(t, w.tn, 200, "PUT", "/admin/api/services/"+testenv.S(svc)+"/application_plans/"+testenv.S(plan)+"/default.json", nil)
	}
	form := url.Values{"org_name": {"Many"}, "username": {"many"}, "email": {"many@example.com"}}
	fieldError(t, w.tn.Do(t, "POST", "/admin/api/signup.json", form), 422, "plans")
	if n := len(items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", nil), "applications", "application")); n != 0 {
		t.Fatalf("%d applications written", n)
	}
	// With one service fewer it fits.
	svcs := items(t, send(t, w.tn, 200, "GET", "/admin/api/services.json", nil), "services", "service")
	send(t, w.tn, 200, "DELETE", "/admin/api/services/"+strconv.FormatInt(testenv.ID(t, svcs[len(svcs)-1]), 10)+".json", nil)
	acc := w.tn.Create(t, "/admin/api/signup.json", "account", form)
	if n := len(w.accountApps(t, num(t, acc, "id"))); n != 9 {
		t.Fatalf("%d applications", n)
	}
}

// accountApps lists an account's applications.
func (w *appsWorld) accountApps(t *testing.T, acc int64) []map[string]any {
	t.Helper()
	return items(t, send(t, w.tn, 200, "GET", w.apps(acc)+".json", nil), "applications", "application")
}
