package e2e

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// appsWorld is a tenant with one service, one application plan and one
// developer account, ready for application tests.
type appsWorld struct {
	env  *testenv.Env
	tn   *testenv.Tenant
	svc  int64 // service (backend_version as asked)
	plan int64 // application plan of svc
	acc  int64 // approved developer account
}

func newAppsWorld(t *testing.T, svcForm url.Values) *appsWorld {
	t.Helper()
	env := testenv.Get(t)
	w := &appsWorld{env: env, tn: env.NewTenant(t)}
	w.svc = w.service(t, svcForm)
	w.plan = w.appPlan(t, w.svc, nil)
	w.acc = w.developer(t)
	return w
}

// service creates a service; form may set backend_version, referrer_filters_required...
func (w *appsWorld) service(t *testing.T, form url.Values) int64 {
	t.Helper()
	f := url.Values{"name": {testenv.Unique("svc")}}
	for k, v := range form {
		f[k] = v
	}
	return testenv.ID(t, w.tn.Create(t, "/admin/api/services.json", "service", f))
}

func (w *appsWorld) appPlan(t *testing.T, svc int64, form url.Values) int64 {
	t.Helper()
	f := url.Values{"name": {testenv.Unique("plan")}}
	for k, v := range form {
		f[k] = v
	}
	return testenv.ID(t, w.tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan", f))
}

func (w *appsWorld) developer(t *testing.T) int64 {
	t.Helper()
	dev := testenv.Unique("dev")
	return testenv.ID(t, w.tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev + " Inc"}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}}))
}

// newApp creates an application on plan for account and returns its JSON.
func (w *appsWorld) newApp(t *testing.T, acc, plan int64, form url.Values) map[string]any {
	t.Helper()
	f := url.Values{"plan_id": {testenv.S(plan)}, "name": {testenv.Unique("app")}}
	for k, v := range form {
		f[k] = v
	}
	return w.tn.Create(t, w.apps(acc)+".json", "application", f)
}

func (w *appsWorld) apps(acc int64) string {
	return "/admin/api/accounts/" + testenv.S(acc) + "/applications"
}

func (w *appsWorld) app(acc, id int64) string { return w.apps(acc) + "/" + testenv.S(id) }

func (w *appsWorld) do(t *testing.T, method, path string, form url.Values) *testenv.Response {
	t.Helper()
	return w.tn.Do(t, method, path, form)
}

// plan reads a plan item (its contract counter is not in the API's representation).
func (w *appsWorld) planItem(t *testing.T, id int64) *catalog.Plan {
	t.Helper()
	p, err := catalog.LoadPlan(context.Background(), w.env.Server.Deps.Store, w.tn.ID, id, "")
	if err != nil {
		t.Fatalf("plan %d: %v", id, err)
	}
	return p
}

func (w *appsWorld) contracts(t *testing.T, plan int64) int64 {
	t.Helper()
	return w.planItem(t, plan).Contracts
}

// stored reads an application item as stored.
func (w *appsWorld) stored(t *testing.T, id int64) *audience.Application {
	t.Helper()
	a, err := audience.LoadApplication(context.Background(), w.env.Server.Deps.Store, w.tn.ID, id)
	if err != nil {
		t.Fatalf("application %d: %v", id, err)
	}
	return a
}

// assertCounters checks the listing counters against the applications stored.
func (w *appsWorld) assertCounters(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	s := w.env.Server.Deps.Store
	var apps []*audience.Application
	if err := s.All(ctx, store.Query{PK: store.TenantPK(w.tn.ID), Prefix: "APP#"}, &apps); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, c := range audience.ApplicationCounts(w.tn.ID, apps) {
		want[c.(*audience.AppCount).SK] = c.(*audience.AppCount).N
	}
	var stored []*audience.AppCount
	if err := s.All(ctx, store.Query{PK: store.TenantPK(w.tn.ID), Prefix: "APPCNT#"}, &stored); err != nil {
		t.Fatal(err)
	}
	for _, c := range stored {
		if c.N != want[c.SK] {
			t.Fatalf("counter %s = %d, the applications say %d", c.SK, c.N, want[c.SK])
		}
		delete(want, c.SK)
	}
	if len(want) != 0 {
		t.Fatalf("counters missing: %v", want)
	}
}

// servicePlan adds a published service plan to svc through the catalog's API;
// approval says whether it requires approval.
func (w *appsWorld) servicePlan(t *testing.T, svc int64, approval bool) int64 {
	t.Helper()
	return testenv.ID(t, w.tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/service_plans.json", "service_plan", url.Values{
		"name": {testenv.Unique("splan")}, "system_name": {testenv.Unique("splan")},
		"approval_required": {strconv.FormatBool(approval)}, "state_event": {"publish"}}))
}

// defaultServicePlan is the service plan every new service has, as the list shows it.
func (w *appsWorld) defaultServicePlan(t *testing.T, svc int64) int64 {
	t.Helper()
	for _, p := range items(t, send(t, w.tn, 200, "GET", "/admin/api/services/"+testenv.S(svc)+"/service_plans.json", nil), "plans", "service_plan") {
		if p["default"] == true {
			return testenv.ID(t, p)
		}
	}
	t.Fatalf("service %d has no default service plan", svc)
	return 0
}
