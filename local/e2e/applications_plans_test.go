package e2e

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/catalog"
)

func TestApplicationChangePlan(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 100})
	w := &appsWorld{env: env, tn: tn, svc: app.Service, plan: app.Plan, acc: app.Account}
	strict := w.appPlan(t, app.Service, nil)
	tn.Create(t, "/admin/api/application_plans/"+testenv.S(strict)+"/metrics/"+testenv.S(app.Hits)+"/limits.json", "limit",
		url.Values{"period": {"day"}, "value": {"1"}})
	path := w.app(app.Account, app.ID)
	got := obj(t, send(t, w.tn, 200, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(strict)}}), "application_plan")
	if testenv.ID(t, got) != strict || got["custom"] != false {
		t.Fatalf("change_plan answers the new plan: %v", got)
	}
	if w.contracts(t, app.Plan) != 0 || w.contracts(t, strict) != 1 {
		t.Fatalf("contracts: old %d, new %d", w.contracts(t, app.Plan), w.contracts(t, strict))
	}
	if a := obj(t, send(t, w.tn, 200, "GET", path+".json", nil), "application"); num(t, a, "plan_id") != strict {
		t.Fatalf("application after change_plan: %v", a)
	}
	// The next authorization applies the new plan's limits.
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[hits]": {"1"}})
	if r.Status != 200 || !strings.Contains(r.String(), "<max_value>1</max_value>") {
		t.Fatalf("authrep after change_plan: %d %s", r.Status, r.Body)
	}
	// The same plan again: answered, nothing changes.
	send(t, w.tn, 200, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(strict)}})
	if w.contracts(t, strict) != 1 {
		t.Fatalf("same plan counted twice: %d", w.contracts(t, strict))
	}
	other := w.appPlan(t, w.service(t, nil), nil)
	for name, form := range map[string]url.Values{
		"plan of another service": {"plan_id": {testenv.S(other)}},
		"unknown plan":            {"plan_id": {"999999999"}},
		"no plan":                 nil,
		"service plan":            {"plan_id": {testenv.S(w.defaultServicePlan(t, app.Service))}},
	} {
		if r := w.do(t, "PUT", path+"/change_plan.json", form); r.Status != 404 {
			t.Fatalf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := w.do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {"x"}}); r.Status != 422 {
		t.Fatalf("plan_id not a number: %d %s", r.Status, r.Body)
	}
	r = w.do(t, "PUT", path+"/change_plan.xml", url.Values{"plan_id": {testenv.S(app.Plan)}})
	if r.Status != 200 || !strings.Contains(r.String(), "<id>"+testenv.S(app.Plan)+"</id>") {
		t.Fatalf("change_plan.xml: %d %s", r.Status, r.Body)
	}
	if w.contracts(t, app.Plan) != 1 || w.contracts(t, strict) != 0 {
		t.Fatal("contracts after changing back")
	}
}

func TestApplicationCustomizeAndDecustomizePlan(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 5, "month": 50})
	w := &appsWorld{env: env, tn: tn, svc: app.Service, plan: app.Plan, acc: app.Account}
	path := w.app(app.Account, app.ID)
	original := w.planItem(t, app.Plan)
	custom := obj(t, send(t, w.tn, 200, "PUT", path+"/customize_plan.json", nil), "application_plan")
	cid := testenv.ID(t, custom)
	if cid == app.Plan || custom["custom"] != true || custom["name"] != original.Name+" (custom)" || custom["state"] != "hidden" {
		t.Fatalf("custom plan: %v", custom)
	}
	if w.contracts(t, app.Plan) != 0 || w.contracts(t, cid) != 1 || w.planItem(t, cid).Original != app.Plan {
		t.Fatal("contracts or origin of the custom plan")
	}
	limits := planLimits(t, w, cid)
	if len(limits) != 2 || limits["day"] != 5 || limits["month"] != 50 {
		t.Fatalf("copied limits: %v", limits)
	}
	if len(planLimits(t, w, app.Plan)) != 2 {
		t.Fatal("the original plan keeps its limits")
	}
	// Customizing again answers the same custom plan.
	r := w.do(t, "PUT", path+"/customize_plan.xml", nil)
	if r.Status != 200 || !strings.Contains(r.String(), `custom="true"`) || !strings.Contains(r.String(), "<id>"+testenv.S(cid)+"</id>") {
		t.Fatalf("customize again: %d %s", r.Status, r.Body)
	}
	a := obj(t, send(t, w.tn, 200, "GET", path+".json", nil), "application")
	if testenv.ID(t, map[string]any{"id": a["plan_id"]}) != cid || !strings.HasSuffix(text(t, a, "plan_name"), "(custom)") {
		t.Fatalf("application on its custom plan: %v", a)
	}
	// The application's XML nests its custom plan.
	if r := w.do(t, "GET", path+".xml", nil); !strings.Contains(r.String(), `<plan custom="true" default="false"><id>`+testenv.S(cid)) {
		t.Fatalf("XML of a customized application: %s", r.Body)
	}
	back := obj(t, send(t, w.tn, 200, "PUT", path+"/decustomize_plan.json", nil), "application_plan")
	if testenv.ID(t, back) != app.Plan || back["custom"] != false {
		t.Fatalf("decustomize answers the original plan: %v", back)
	}
	assertPlanGone(t, w, cid)
	if w.contracts(t, app.Plan) != 1 {
		t.Fatal("contracts after decustomize")
	}
	// Decustomizing a stock plan is a no-op that answers it.
	if got := obj(t, send(t, w.tn, 200, "PUT", path+"/decustomize_plan.json", nil), "application_plan"); testenv.ID(t, got) != app.Plan {
		t.Fatalf("decustomize a stock plan: %v", got)
	}
	// Leaving a custom plan by change_plan or by deletion deletes it too.
	cid = testenv.ID(t, obj(t, send(t, w.tn, 200, "PUT", path+"/customize_plan.json", nil), "application_plan"))
	send(t, w.tn, 200, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(app.Plan)}})
	assertPlanGone(t, w, cid)
	cid = testenv.ID(t, obj(t, send(t, w.tn, 200, "PUT", path+"/customize_plan.json", nil), "application_plan"))
	send(t, w.tn, 200, "DELETE", path+".json", nil)
	assertPlanGone(t, w, cid)
	w.assertCounters(t)
	if w.contracts(t, app.Plan) != 0 {
		t.Fatalf("contracts at the end: %d", w.contracts(t, app.Plan))
	}
}

// A plan with more limits than one transaction holds is copied and deleted whole.
func TestCustomizePlanWithManyLimits(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	// 140 limits: every period of 20 metrics, made through the catalog's API.
	for m := 0; m < 20; m++ {
		metric := testenv.ID(t, w.tn.Create(t, "/admin/api/services/"+testenv.S(w.svc)+"/metrics.json", "metric",
			url.Values{"friendly_name": {"metric " + strconv.Itoa(m)}, "unit": {"call"}}))
		for i, period := range catalog.Periods {
			w.tn.Create(t, "/admin/api/application_plans/"+testenv.S(w.plan)+"/metrics/"+testenv.S(metric)+"/limits.json", "limit",
				url.Values{"period": {period}, "value": {strconv.Itoa(m*10 + i)}})
		}
	}
	path := w.app(w.acc, testenv.ID(t, w.newApp(t, w.acc, w.plan, nil)))
	cid := testenv.ID(t, obj(t, send(t, w.tn, 200, "PUT", path+"/customize_plan.json", nil), "application_plan"))
	if n := len(mustLimits(t, w, cid)); n != 140 {
		t.Fatalf("custom plan has %d limits, want 140", n)
	}
	send(t, w.tn, 200, "PUT", path+"/decustomize_plan.json", nil)
	assertPlanGone(t, w, cid)
	if n := len(mustLimits(t, w, w.plan)); n != 140 {
		t.Fatalf("original plan has %d limits", n)
	}
}

func mustLimits(t *testing.T, w *appsWorld, plan int64) []jmap {
	t.Helper()
	return items(t, send(t, w.tn, 200, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/limits.json", nil), "limits", "limit")
}

// planLimits maps period → value of a plan's limits.
func planLimits(t *testing.T, w *appsWorld, plan int64) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, l := range mustLimits(t, w, plan) {
		out[text(t, l, "period")] = num(t, l, "value")
	}
	return out
}

// assertPlanGone checks that a custom plan and its limits were deleted, down
// to the stored items (read-only).
func assertPlanGone(t *testing.T, w *appsWorld, plan int64) {
	t.Helper()
	if _, err := catalog.LoadPlan(context.Background(), w.env.Server.Deps.Store, w.tn.ID, plan, ""); err == nil {
		t.Fatalf("custom plan %d still exists", plan)
	}
	// No limit item outlives its plan (the API cannot show one: the plan is gone).
	ls, err := catalog.Limits(context.Background(), w.env.Server.Deps.Store, w.tn.ID, plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 0 {
		t.Fatalf("custom plan %d left %d limits", plan, len(ls))
	}
}
