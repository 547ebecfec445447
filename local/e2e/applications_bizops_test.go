package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The chapters of docs/bizops-applications.md, each replayed step by step
// with the requests its snippets send.

func TestBizopsAddDeveloperWithApplication(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	dev := testenv.Unique("acme")
	acc := testenv.ID(t, w.tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Acme Corp"},
		"username": {dev}, "email": {dev + "@acme.example"}, "password": {"a-long-enough-password"}}))
	app := w.tn.Create(t, "/admin/api/accounts/"+testenv.S(acc)+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(w.plan)}, "name": {"Acme mobile"}, "description": {"iOS and Android clients"}})
	if !hex32.MatchString(text(t, app, "user_key")) || app["state"] != "live" || app["org_name"] != "Acme Corp" {
		t.Fatalf("application: %v", app)
	}
	subs := items(t, send(t, w.tn, 200, "GET", "/admin/api/accounts/"+testenv.S(acc)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 1 || num(t, subs[0], "service_id") != w.svc {
		t.Fatalf("subscriptions: %v", subs)
	}
	// The key works at once.
	r := w.env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {w.tn.ProviderKey},
		"service_id": {testenv.S(w.svc)}, "user_key": {text(t, app, "user_key")}})
	if r.Status != 200 {
		t.Fatalf("authrep: %d %s", r.Status, r.Body)
	}
}

func TestBizopsApprovePendingApplications(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	approval := w.appPlan(t, w.svc, url.Values{"approval_required": {"true"}})
	var pending []int64
	for i := 0; i < 3; i++ {
		pending = append(pending, testenv.ID(t, w.newApp(t, w.developer(t), approval, nil)))
	}
	live := testenv.ID(t, w.newApp(t, w.acc, w.plan, nil))
	// The snippet: list pending applications, accept each.
	for _, a := range items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"state": {"pending"}}), "applications", "application") {
		acc, app := num(t, a, "account_id"), testenv.ID(t, a)
		send(t, w.tn, 200, "PUT", w.app(acc, app)+"/accept.json", nil)
	}
	if n := len(items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"state": {"pending"}}), "applications", "application")); n != 0 {
		t.Fatalf("%d applications still pending", n)
	}
	live2 := ids(t, items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"state": {"live"}}), "applications", "application"))
	if len(live2) != 4 || live2[0] != pending[0] || live2[3] != live {
		t.Fatalf("live applications: %v", live2)
	}
}

func TestBizopsChangeAndCustomizePlan(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	a := tn.NewApp(t, map[string]int64{"day": 1000})
	w := &appsWorld{env: env, tn: tn, svc: a.Service, plan: a.Plan, acc: a.Account}
	premium := w.appPlan(t, a.Service, url.Values{"name": {"Premium"}})
	tn.Create(t, "/admin/api/application_plans/"+testenv.S(premium)+"/metrics/"+testenv.S(a.Hits)+"/limits.json", "limit",
		url.Values{"period": {"day"}, "value": {"100000"}})
	path := w.app(a.Account, a.ID)
	authrepMax := func() string {
		t.Helper()
		r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(a.Service)}, "user_key": {a.UserKey}})
		s := r.String()
		i := strings.Index(s, "<max_value>")
		if r.Status != 200 || i < 0 {
			t.Fatalf("authrep: %d %s", r.Status, s)
		}
		return s[i+len("<max_value>") : i+strings.Index(s[i:], "</max_value>")]
	}
	// Change the plan.
	plan := obj(t, send(t, w.tn, 200, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(premium)}}), "application_plan")
	if plan["name"] != "Premium" || authrepMax() != "100000" {
		t.Fatalf("after change_plan: %v", plan)
	}
	// Customize it, then give the custom plan its own limit.
	custom := testenv.ID(t, obj(t, send(t, w.tn, 200, "PUT", path+"/customize_plan.json", nil), "application_plan"))
	tn.Create(t, "/admin/api/application_plans/"+testenv.S(custom)+"/metrics/"+testenv.S(a.Hits)+"/limits.json", "limit",
		url.Values{"period": {"minute"}, "value": {"600"}})
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(a.Service)}, "user_key": {a.UserKey}})
	if !strings.Contains(r.String(), `period="minute"`) || !strings.Contains(r.String(), "<max_value>600</max_value>") {
		t.Fatalf("the custom limit does not apply: %s", r.Body)
	}
	if len(planLimits(t, w, premium)) != 1 {
		t.Fatal("customizing changed the original plan")
	}
	// Drop the customization.
	back := obj(t, send(t, w.tn, 200, "PUT", path+"/decustomize_plan.json", nil), "application_plan")
	if testenv.ID(t, back) != premium || authrepMax() != "100000" {
		t.Fatalf("after decustomize: %v", back)
	}
	assertPlanGone(t, w, custom)
}

func TestBizopsFindApplicationByKey(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	w.newApp(t, w.developer(t), w.plan, nil)
	app := w.newApp(t, w.acc, w.plan, nil)
	key := text(t, app, "user_key")
	found := obj(t, send(t, w.tn, 200, "GET", "/admin/api/applications/find.json", url.Values{"user_key": {key}}), "application")
	if testenv.ID(t, found) != testenv.ID(t, app) || num(t, found, "account_id") != w.acc || found["org_name"] != app["org_name"] {
		t.Fatalf("found: %v", found)
	}
	byName := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"name": {"user_key:" + key}}), "applications", "application")
	if len(byName) != 1 || testenv.ID(t, byName[0]) != testenv.ID(t, app) {
		t.Fatalf("search box: %v", byName)
	}
	acc := num(t, found, "account_id")
	others := items(t, send(t, w.tn, 200, "GET", w.apps(acc)+".json", nil), "applications", "application")
	if len(others) != 1 {
		t.Fatalf("the developer's applications: %v", others)
	}
}

func TestBizopsSuspendApplication(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	a := tn.NewApp(t, nil)
	w := &appsWorld{env: env, tn: tn}
	path := w.app(a.Account, a.ID)
	authrep := func(key string) *testenv.Response {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(a.Service)}, "user_key": {key}})
	}
	send(t, w.tn, 200, "PUT", path+"/suspend.json", nil)
	if r := authrep(a.UserKey); r.Status != 409 || !strings.Contains(r.String(), "application is not active") {
		t.Fatalf("suspended: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 200, "PUT", path+"/resume.json", nil)
	if r := authrep(a.UserKey); r.Status != 200 {
		t.Fatalf("resumed: %d %s", r.Status, r.Body)
	}
	key := text(t, obj(t, send(t, w.tn, 200, "PUT", path+"/change_user_key.json", nil), "application"), "user_key")
	if authrep(key).Status != 200 || authrep(a.UserKey).Status != 403 {
		t.Fatal("the new key must work and the old one not")
	}
}

func TestBizopsUnsubscribeFromDeprecatedService(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	old := w.svc
	approval := w.appPlan(t, old, url.Values{"approval_required": {"true"}})
	current := w.service(t, nil)
	currentPlan := w.appPlan(t, current, nil)
	devs := []int64{w.acc, w.developer(t), w.developer(t)}
	w.newApp(t, devs[0], w.plan, nil)
	w.newApp(t, devs[0], approval, nil)
	w.newApp(t, devs[1], w.plan, nil)
	kept := w.newApp(t, devs[1], currentPlan, nil)
	suspended := w.newApp(t, devs[2], w.plan, nil)
	send(t, w.tn, 200, "PUT", w.app(devs[2], testenv.ID(t, suspended))+"/suspend.json", nil)
	// The snippet.
	subs := items(t, send(t, w.tn, 200, "GET", "/admin/api/services/"+testenv.S(old)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 3 {
		t.Fatalf("subscribers: %v", subs)
	}
	for _, sub := range subs {
		acc, id := num(t, sub, "user_account_id"), testenv.ID(t, sub)
		apps := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"service_id": {testenv.S(old)}, "account": {testenv.S(acc)}}), "applications", "application")
		for _, a := range apps {
			switch a["state"] {
			case "live":
				send(t, w.tn, 200, "PUT", w.app(acc, testenv.ID(t, a))+"/suspend.json", nil)
			case "pending":
				send(t, w.tn, 200, "DELETE", w.app(acc, testenv.ID(t, a))+".json", nil)
			}
		}
		send(t, w.tn, 200, "DELETE", "/admin/api/accounts/"+testenv.S(acc)+"/service_subscriptions/"+testenv.S(id)+".json", nil)
	}
	// Nobody is left on the old service; the other service is untouched.
	if n := len(items(t, send(t, w.tn, 200, "GET", "/admin/api/services/"+testenv.S(old)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")); n != 0 {
		t.Fatalf("%d subscribers left", n)
	}
	if n := len(items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"service_id": {testenv.S(old)}}), "applications", "application")); n != 0 {
		t.Fatalf("%d applications left on the old service", n)
	}
	send(t, w.tn, 200, "GET", w.app(devs[1], testenv.ID(t, kept))+".json", nil)
	if w.contracts(t, w.plan) != 0 || w.contracts(t, approval) != 0 || w.contracts(t, w.defaultServicePlan(t, old)) != 0 {
		t.Fatal("contracts left on the old service's plans")
	}
	w.assertCounters(t)
}

func TestBizopsDeleteApplication(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	a := tn.NewApp(t, nil)
	w := &appsWorld{env: env, tn: tn}
	r := w.do(t, "DELETE", w.app(a.Account, a.ID)+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	r = env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(a.Service)}, "user_key": {a.UserKey}})
	if r.Status != 403 || !strings.Contains(r.String(), "user_key_invalid") {
		t.Fatalf("authrep with a deleted application's key: %d %s", r.Status, r.Body)
	}
}
