package e2e

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestApplicationPlansCRUD(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	base := sp(svc, "/application_plans")

	r := tn.Do(t, "POST", base+".json", url.Values{"name": {"Basic"}})
	status(t, r, 201)
	p := obj(t, r, "application_plan")
	basic := testenv.ID(t, p)
	want := jmap{"name": "Basic", "state": "hidden", "setup_fee": 0.0, "cost_per_month": 0.0, "trial_period_days": 0.0,
		"cancellation_period": 0.0, "approval_required": false, "default": false, "custom": false, "system_name": "basic"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %#v, want %#v", k, p[k], v)
		}
	}
	if !strings.Contains(r.String(), `"setup_fee":0.0,"cost_per_month":0.0`) {
		t.Errorf("money renders as floats: %s", r.Body)
	}
	lk := links(t, p)
	if lk[0]["rel"] != "service" || !strings.HasSuffix(text(t, lk[1], "href"), base+"/"+testenv.S(basic)) {
		t.Errorf("links %v", lk)
	}
	// Every parameter, wrapped.
	r = tn.Do(t, "POST", base+".json", url.Values{"application_plan[name]": {"Gold Plan"}, "application_plan[system_name]": {"gold"},
		"application_plan[approval_required]": {"true"}, "application_plan[setup_fee]": {"10.5"}, "application_plan[cost_per_month]": {"99"},
		"application_plan[trial_period_days]": {"30"}, "application_plan[cancellation_period]": {"3600"},
		"application_plan[state_event]": {"publish"}, "application_plan[description]": {"shiny"}})
	status(t, r, 201)
	g := obj(t, r, "application_plan")
	gold := testenv.ID(t, g)
	for k, v := range (jmap{"name": "Gold Plan", "system_name": "gold", "state": "published", "approval_required": true,
		"setup_fee": 10.5, "cost_per_month": 99.0, "trial_period_days": 30.0, "cancellation_period": 3600.0}) {
		if g[k] != v {
			t.Errorf("%s = %#v, want %#v", k, g[k], v)
		}
	}
	// XML.
	r = tn.Do(t, "POST", base+".xml", url.Values{"name": {"Xml Plan"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "plan")
	if x.Attrs["custom"] != "false" || x.Attrs["default"] != "false" ||
		!reflect.DeepEqual(x.names(), []string{"id", "name", "type", "state", "approval_required", "setup_fee", "cost_per_month",
			"trial_period_days", "cancellation_period", "service_id"}) ||
		x.text("type") != "application_plan" || x.text("setup_fee") != "0.0" || x.text("service_id") != testenv.S(svc) {
		t.Fatalf("plan XML: %s", r.Body)
	}
	xmlID := x.text("id")

	// Read, list.
	if got := obj(t, tn.Do(t, "GET", base+"/"+testenv.S(basic)+".json", nil), "application_plan"); !reflect.DeepEqual(got, p) {
		t.Fatalf("read %v vs %v", got, p)
	}
	xmlRoot(t, tn.Do(t, "GET", base+"/"+xmlID, nil), "plan")
	list := items(t, tn.Do(t, "GET", base+".json", nil), "plans", "application_plan")
	if !reflect.DeepEqual(ids(t, list), []int64{basic, gold, testenv.ID(t, jmap{"id": float64(mustAtoi(t, xmlID))})}) {
		t.Fatalf("list %v", ids(t, list))
	}
	xl := xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "plans")
	if len(xl.all("plan")) != 3 {
		t.Fatalf("XML list %v", xl.names())
	}
	// Across services, including the default service's plans.
	tn.Create(t, sp(tn.DefaultService, "/application_plans.json"), "application_plan", url.Values{"name": {"Elsewhere"}})
	all := items(t, tn.Do(t, "GET", "/admin/api/application_plans.json", nil), "plans", "application_plan")
	if len(all) != 4 {
		t.Fatalf("all plans %v", ids(t, all))
	}
	xmlRoot(t, tn.Do(t, "GET", "/admin/api/application_plans.xml", nil), "plans")

	// Update: system_name stays, state moves.
	r = tn.Do(t, "PUT", base+"/"+testenv.S(basic)+".json", url.Values{"application_plan[name]": {"Basic 2"}, "system_name": {"nope"},
		"cost_per_month": {"5"}, "state_event": {"publish"}, "trial_period_days": {"7"}})
	status(t, r, 200)
	u := obj(t, r, "application_plan")
	if u["name"] != "Basic 2" || u["system_name"] != "basic" || u["cost_per_month"] != 5.0 || u["state"] != "published" || u["trial_period_days"] != 7.0 {
		t.Fatalf("update %v", u)
	}
	fieldError(t, tn.Do(t, "PUT", base+"/"+testenv.S(basic)+".json", url.Values{"state_event": {"publish"}}), 422, "state", `cannot transition via "publish"`)
	u = obj(t, tn.Do(t, "PUT", base+"/"+testenv.S(basic)+".json", url.Values{"state_event": {"hide"}}), "application_plan")
	if u["state"] != "hidden" {
		t.Fatalf("hide %v", u)
	}
	xmlRoot(t, tn.Do(t, "PUT", base+"/"+xmlID+".xml", url.Values{"name": {"X2"}}), "plan")

	// Default: one at a time, shown in reads and lists.
	r = tn.Do(t, "PUT", base+"/"+testenv.S(gold)+"/default.json", nil)
	status(t, r, 200)
	if obj(t, r, "application_plan")["default"] != true {
		t.Fatalf("default %s", r.Body)
	}
	r = tn.Do(t, "PUT", base+"/"+testenv.S(basic)+"/default.xml", nil)
	if xmlRoot(t, r, "plan").Attrs["default"] != "true" {
		t.Fatalf("default XML %s", r.Body)
	}
	defaults := 0
	for _, pl := range items(t, tn.Do(t, "GET", base+".json", nil), "plans", "application_plan") {
		if pl["default"] == true {
			defaults++
			if testenv.ID(t, pl) != basic {
				t.Fatalf("wrong default %v", pl)
			}
		}
	}
	if defaults != 1 {
		t.Fatalf("%d defaults", defaults)
	}
	for _, pl := range items(t, tn.Do(t, "GET", "/admin/api/application_plans.json", nil), "plans", "application_plan") {
		if (pl["default"] == true) != (testenv.ID(t, pl) == basic) {
			t.Fatalf("all-plans default flags: %v", pl)
		}
	}

	// Delete, including the default plan (the service then has none).
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+testenv.S(basic)+".json", nil), "delete default plan")
	expectNotFound(t, tn.Do(t, "GET", base+"/"+testenv.S(basic)+".json", nil), ".json")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+xmlID+".xml", nil), "delete XML")
	for _, pl := range items(t, tn.Do(t, "GET", base+".json", nil), "plans", "application_plan") {
		if pl["default"] == true {
			t.Fatalf("no default after deleting it: %v", pl)
		}
	}
	// The system name is free again.
	tn.Create(t, base+".json", "application_plan", url.Values{"name": {"Basic"}})
}

func mustAtoi(t testing.TB, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

func TestPlanValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	for _, base := range []string{sp(svc, "/application_plans"), sp(svc, "/service_plans"), "/admin/api/account_plans"} {
		post := func(form url.Values) *testenv.Response { return tn.Do(t, "POST", base+".json", form) }
		fieldError(t, post(url.Values{}), 422, "name", "can't be blank")
		fieldError(t, post(url.Values{"name": {"p"}, "setup_fee": {"-1"}}), 422, "setup_fee", "must be greater than or equal to 0")
		fieldError(t, post(url.Values{"name": {"p"}, "cost_per_month": {"-0.5"}}), 422, "cost_per_month", "must be greater than or equal to 0")
		fieldError(t, post(url.Values{"name": {"p"}, "trial_period_days": {"-1"}}), 422, "trial_period_days", "must be greater than or equal to 0")
		fieldError(t, post(url.Values{"name": {"p"}, "cost_per_month": {"lots"}}), 422, "cost_per_month", "is not a number")
		fieldError(t, post(url.Values{"name": {"p"}, "trial_period_days": {"1.5"}}), 422, "trial_period_days", "is not a number")
		fieldError(t, post(url.Values{"name": {"p"}, "approval_required": {"sometimes"}}), 422, "approval_required", "is not a boolean")
		fieldError(t, post(url.Values{"name": {"p"}, "state_event": {"explode"}}), 422, "state_event", "is invalid")
		fieldError(t, post(url.Values{"name": {"p"}, "state_event": {"hide"}}), 422, "state", `cannot transition via "hide"`)
		fieldError(t, post(url.Values{"name": {"p"}, "system_name": {"bad name"}}), 422, "system_name", "is invalid")
		fieldError(t, post(url.Values{"name": {strings.Repeat("n", 256)}, "system_name": {"long"}}), 422, "name", "is too long (maximum is 255 characters)")
		fieldError(t, post(url.Values{"name": {"pp"}, "description": {strings.Repeat("d", 65536)}}), 422, "description", "is too long (maximum is 65535 characters)")
		fieldError(t, post(url.Values{"name": {"pp"}, "cancellation_period": {"-1"}}), 422, "cancellation_period", "must be greater than or equal to 0")
		createIn(t, tn, base+".json", url.Values{"name": {"Twin"}})
		fieldError(t, post(url.Values{"name": {"Twin"}}), 422, "system_name", "has already been taken")
		r := tn.Do(t, "POST", base+".xml", url.Values{"name": {""}})
		status(t, r, 422)
		if xmlRoot(t, r, "errors").text("error") != "Name can't be blank" {
			t.Fatalf("XML errors %s", r.Body)
		}
		// Updates validate too.
		p := createIn(t, tn, base+".json", url.Values{"name": {testenv.Unique("ok")}})
		one := base + "/" + testenv.S(testenv.ID(t, p)) + ".json"
		fieldError(t, tn.Do(t, "PUT", one, url.Values{"name": {""}}), 422, "name", "can't be blank")
		fieldError(t, tn.Do(t, "PUT", one, url.Values{"setup_fee": {"-3"}}), 422, "setup_fee", "must be greater than or equal to 0")
		for _, bad := range []string{"/999999999.json", "/abc.json", "/0.json"} {
			expectNotFound(t, tn.Do(t, "GET", base+bad, nil), bad)
			expectNotFound(t, tn.Do(t, "PUT", base+bad, url.Values{"name": {"x"}}), bad)
			expectNotFound(t, tn.Do(t, "DELETE", base+bad, nil), bad)
			expectNotFound(t, tn.Do(t, "PUT", base+strings.TrimSuffix(bad, ".json")+"/default.json", nil), bad)
		}
	}
	// The same system name is fine in another service and for another plan type.
	other := newService(t, tn, nil)
	tn.Create(t, sp(other, "/application_plans.json"), "application_plan", url.Values{"name": {"Twin"}})
	// A plan is reachable only through its own service and type.
	p := tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"Mine"}})
	pid := testenv.S(testenv.ID(t, p))
	for _, path := range []string{sp(other, "/application_plans/"+pid+".json"), sp(svc, "/service_plans/"+pid+".json"),
		"/admin/api/account_plans/" + pid + ".json", "/admin/api/services/999999999/application_plans/" + pid + ".json"} {
		expectNotFound(t, tn.Do(t, "GET", path, nil), path)
	}
}

func TestPlansInUseCannotBeDeleted(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 10})
	path := sp(app.Service, "/application_plans/"+testenv.S(app.Plan))
	for _, ext := range []string{".json", ".xml"} {
		r := tn.Do(t, "DELETE", path+ext, nil)
		status(t, r, 403)
		if ext == ".json" {
			if errs := fieldErrors(t, r); len(errs["base"]) != 1 {
				t.Fatalf("errors.base: %s", r.Body)
			}
		} else if xmlRoot(t, r, "errors").text("error") == "" {
			t.Fatalf("XML errors: %s", r.Body)
		}
	}
	status(t, tn.Do(t, "GET", path+".json", nil), 200)
	// The limits stay too.
	if l := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(app.Plan)+"/limits.json", nil), "limits", "limit"); len(l) != 1 {
		t.Fatalf("limits after a refused delete: %v", l)
	}
	// Account and service plans in use are refused the same way: a developer
	// signs up on the account plan and subscribes to the service plan.
	svcPlan := tn.Create(t, sp(app.Service, "/service_plans.json"), "service_plan", url.Values{"name": {"Used"}, "state_event": {"publish"}})
	acc := tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"Used"}, "state_event": {"publish"}})
	dev := testenv.Unique("dev")
	buyer := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}, "account_plan_id": {testenv.S(testenv.ID(t, acc))}})
	status(t, tn.Do(t, "POST", "/admin/api/accounts/"+testenv.S(testenv.ID(t, buyer))+"/service_subscriptions.json",
		url.Values{"plan_id": {testenv.S(testenv.ID(t, svcPlan))}}), 201)
	for _, c := range []struct {
		id   int64
		path string
	}{{testenv.ID(t, svcPlan), sp(app.Service, "/service_plans/")}, {testenv.ID(t, acc), "/admin/api/account_plans/"}} {
		r := tn.Do(t, "DELETE", c.path+testenv.S(c.id)+".json", nil)
		status(t, r, 403)
		if errs := fieldErrors(t, r); len(errs["base"]) != 1 {
			t.Fatalf("errors.base: %s", r.Body)
		}
		// An update never touches the counter.
		status(t, tn.Do(t, "PUT", c.path+testenv.S(c.id)+".json", url.Values{"name": {"Renamed"}}), 200)
		status(t, tn.Do(t, "DELETE", c.path+testenv.S(c.id)+".json", nil), 403)
	}
}

func TestServicePlans(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	base := sp(svc, "/service_plans")
	// Every service starts with a default service plan named Default.
	list := items(t, tn.Do(t, "GET", base+".json", nil), "plans", "service_plan")
	if len(list) != 1 || list[0]["name"] != "Default" || list[0]["default"] != true || list[0]["state"] != "published" {
		t.Fatalf("initial service plans %v", list)
	}
	if _, ok := list[0]["system_name"]; ok {
		t.Fatalf("service plans show no system_name in JSON: %v", list[0])
	}
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"name": {"Default"}}), 422, "system_name", "has already been taken")
	r := tn.Do(t, "POST", base+".json", url.Values{"service_plan[name]": {"Premium"}, "service_plan[approval_required]": {"1"},
		"service_plan[state_event]": {"publish"}})
	status(t, r, 201)
	prem := obj(t, r, "service_plan")
	if prem["approval_required"] != true || prem["state"] != "published" || prem["default"] != false {
		t.Fatalf("premium %v", prem)
	}
	lk := links(t, prem)
	if !strings.HasSuffix(text(t, lk[1], "href"), base+"/"+testenv.S(testenv.ID(t, prem))) {
		t.Fatalf("links %v", lk)
	}
	pid := testenv.S(testenv.ID(t, prem))
	x := xmlRoot(t, tn.Do(t, "GET", base+"/"+pid+".xml", nil), "plan")
	if x.text("type") != "service_plan" || x.Attrs["default"] != "" || x.Attrs["custom"] != "" {
		t.Fatalf("service plan XML %v %v", x.names(), x.Attrs)
	}
	u := obj(t, tn.Do(t, "PUT", base+"/"+pid+".json", url.Values{"name": {"Premium+"}, "state_event": {"hide"}}), "service_plan")
	if u["name"] != "Premium+" || u["state"] != "hidden" {
		t.Fatalf("update %v", u)
	}
	r = tn.Do(t, "PUT", base+"/"+pid+"/default.xml", nil)
	if xmlRoot(t, r, "plan").Attrs["default"] != "true" {
		t.Fatalf("default XML %s", r.Body)
	}
	xl := xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "plans")
	if len(xl.all("plan")) != 2 {
		t.Fatalf("XML list %v", xl.names())
	}
	all := items(t, tn.Do(t, "GET", "/admin/api/service_plans.json", nil), "plans", "service_plan")
	if len(all) != 3 { // the default service's Default, this service's Default and Premium
		t.Fatalf("all service plans %v", ids(t, all))
	}
	xmlRoot(t, tn.Do(t, "GET", "/admin/api/service_plans.xml", nil), "plans")
	if got := obj(t, tn.Do(t, "GET", base+"/"+pid+".json", nil), "service_plan"); got["default"] != true || got["name"] != "Premium+" {
		t.Fatalf("read JSON %v", got)
	}
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+pid+".json", nil), "delete service plan")
	expectNotFound(t, tn.Do(t, "GET", base+"/"+pid+".json", nil), ".json")
	// XML create, update, delete; JSON default.
	r = tn.Do(t, "POST", base+".xml", url.Values{"name": {"Xml Service Plan"}})
	status(t, r, 201)
	xid := xmlRoot(t, r, "plan").text("id")
	if up := xmlRoot(t, tn.Do(t, "PUT", base+"/"+xid+".xml", url.Values{"name": {"Renamed"}}), "plan"); up.text("name") != "Renamed" {
		t.Fatal("XML update")
	}
	if d := obj(t, tn.Do(t, "PUT", base+"/"+xid+"/default.json", nil), "service_plan"); d["default"] != true {
		t.Fatalf("default JSON %v", d)
	}
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+xid+".xml", nil), "delete XML")
}

func TestAccountPlans(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	if p := defaultAccountPlan(t, tn); p != nil {
		t.Fatalf("no default account plan yet: %v", p)
	}
	if l := items(t, tn.Do(t, "GET", "/admin/api/account_plans.json", nil), "plans", "account_plan"); len(l) != 0 {
		t.Fatalf("no account plans yet: %v", l)
	}
	r := tn.Do(t, "POST", "/admin/api/account_plans.json", url.Values{"account_plan[name]": {"Partners"},
		"account_plan[approval_required]": {"true"}, "account_plan[state_event]": {"publish"}})
	status(t, r, 201)
	p := obj(t, r, "account_plan")
	id := testenv.S(testenv.ID(t, p))
	for k, v := range (jmap{"name": "Partners", "approval_required": true, "state": "published", "default": false}) {
		if p[k] != v {
			t.Errorf("%s = %v", k, p[k])
		}
	}
	for _, k := range []string{"links", "system_name", "custom"} {
		if _, ok := p[k]; ok {
			t.Errorf("account plans have no %s: %v", k, p)
		}
	}
	r = tn.Do(t, "POST", "/admin/api/account_plans.xml", url.Values{"name": {"Second"}})
	x := xmlRoot(t, r, "plan")
	if x.text("type") != "account_plan" || x.child("service_id") != nil {
		t.Fatalf("account plan XML %s", r.Body)
	}
	second := x.text("id")
	if got := obj(t, tn.Do(t, "GET", "/admin/api/account_plans/"+id+".json", nil), "account_plan"); !reflect.DeepEqual(got, p) {
		t.Fatalf("read %v vs %v", got, p)
	}
	xmlRoot(t, tn.Do(t, "GET", "/admin/api/account_plans/"+second, nil), "plan")
	u := obj(t, tn.Do(t, "PUT", "/admin/api/account_plans/"+id+".json", url.Values{"name": {"Partners 2"}, "approval_required": {"false"}}), "account_plan")
	if u["name"] != "Partners 2" || u["approval_required"] != false {
		t.Fatalf("update %v", u)
	}
	xmlRoot(t, tn.Do(t, "PUT", "/admin/api/account_plans/"+second+".xml", url.Values{"state_event": {"publish"}}), "plan")

	// Default.
	r = tn.Do(t, "PUT", "/admin/api/account_plans/"+id+"/default.json", nil)
	if obj(t, r, "account_plan")["default"] != true {
		t.Fatalf("default %s", r.Body)
	}
	if dp := defaultAccountPlan(t, tn); dp == nil || testenv.S(testenv.ID(t, dp)) != id || dp["approval_required"] != false {
		t.Fatalf("default account plan = %v", dp)
	}
	xl := xmlRoot(t, tn.Do(t, "GET", "/admin/api/account_plans.xml", nil), "plans")
	if len(xl.all("plan")) != 2 || xl.all("plan")[0].Attrs["default"] != "true" || xl.all("plan")[1].Attrs["default"] != "" {
		t.Fatalf("XML list %s", xl.names())
	}
	r = tn.Do(t, "PUT", "/admin/api/account_plans/"+second+"/default.xml", nil)
	if xmlRoot(t, r, "plan").Attrs["default"] != "true" {
		t.Fatal("default XML")
	}
	if obj(t, tn.Do(t, "GET", "/admin/api/account_plans/"+id+".json", nil), "account_plan")["default"] != false {
		t.Fatal("one default at a time")
	}
	// Deleting the default leaves none.
	expectDeleted(t, tn.Do(t, "DELETE", "/admin/api/account_plans/"+second+".xml", nil), "delete default account plan")
	if dp := defaultAccountPlan(t, tn); dp != nil {
		t.Fatalf("default after delete: %v", dp)
	}
	expectDeleted(t, tn.Do(t, "DELETE", "/admin/api/account_plans/"+id+".json", nil), "delete")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/account_plans/"+id+".json", nil), ".json")
}

// defaultAccountPlan is the account plan the list shows as default, or nil.
func defaultAccountPlan(t *testing.T, tn *testenv.Tenant) jmap {
	t.Helper()
	for _, p := range items(t, tn.Do(t, "GET", "/admin/api/account_plans.json", nil), "plans", "account_plan") {
		if p["default"] == true {
			return p
		}
	}
	return nil
}

func TestPlansOfDeletedService(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	p := tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"Gone"}})
	expectDeleted(t, tn.Do(t, "DELETE", sp(svc, ".json"), nil), "delete service")
	for _, l := range []struct{ path, wrapper string }{{"/admin/api/application_plans.json", "application_plan"},
		{"/admin/api/service_plans.json", "service_plan"}} {
		for _, pl := range items(t, tn.Do(t, "GET", l.path, nil), "plans", l.wrapper) {
			if testenv.ID(t, pl) == testenv.ID(t, p) || num(t, pl, "id") == 0 {
				t.Fatalf("plan of a deleted service listed in %s", l.path)
			}
		}
		if n := len(items(t, tn.Do(t, "GET", l.path, nil), "plans", l.wrapper)); n != 1 && l.wrapper == "service_plan" {
			t.Fatalf("%d service plans", n)
		}
	}
	expectNotFound(t, tn.Do(t, "GET", sp(svc, "/application_plans/"+testenv.S(testenv.ID(t, p))+".json"), nil), ".json")
	expectNotFound(t, tn.Do(t, "POST", sp(svc, "/application_plans.json"), url.Values{"name": {"late"}}), ".json")
}
