package e2e

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestApplicationCreateAndReadJSON(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	a := w.newApp(t, w.acc, w.plan, url.Values{"name": {"Mobile"}, "description": {"iOS client"}})
	id := testenv.ID(t, a)
	if a["state"] != "live" || a["enabled"] != true || a["name"] != "Mobile" || a["description"] != "iOS client" {
		t.Fatalf("new application: %v", a)
	}
	if !hex32.MatchString(text(t, a, "user_key")) {
		t.Fatalf("user_key %q is not 32 hex characters", a["user_key"])
	}
	for _, k := range []string{"provider_verification_key", "first_traffic_at", "first_daily_traffic_at"} {
		if v, ok := a[k]; !ok || v != nil {
			t.Fatalf("%s must be present and null: %v", k, a)
		}
	}
	if _, ok := a["application_id"]; ok {
		t.Fatalf("a user_key service shows no application_id: %v", a)
	}
	if num(t, a, "service_id") != w.svc || num(t, a, "plan_id") != w.plan || num(t, a, "account_id") != w.acc {
		t.Fatalf("ids: %v", a)
	}
	if !strings.HasSuffix(text(t, a, "org_name"), " Inc") || a["plan_name"] == "" || a["service_name"] == "" {
		t.Fatalf("names: %v", a)
	}
	hrefs := map[string]string{}
	for _, l := range links(t, a) {
		hrefs[text(t, l, "rel")] = text(t, l, "href")
	}
	self := "/admin/api/accounts/" + testenv.S(w.acc) + "/applications/" + testenv.S(id)
	if !strings.HasSuffix(hrefs["self"], self) || !strings.HasSuffix(hrefs["keys"], self+"/keys") ||
		!strings.HasSuffix(hrefs["plan"], "/admin/api/services/"+testenv.S(w.svc)+"/application_plans/"+testenv.S(w.plan)) {
		t.Fatalf("links: %v", hrefs)
	}
	got := obj(t, send(t, w.tn, 200, "GET", w.app(w.acc, id)+".json", nil), "application")
	if got["user_key"] != a["user_key"] || got["name"] != "Mobile" || got["created_at"] != a["created_at"] {
		t.Fatalf("read back: %v", got)
	}
	// The account was subscribed to the service with its default service plan, and both plans count the contract.
	subs := items(t, send(t, w.tn, 200, "GET", "/admin/api/accounts/"+testenv.S(w.acc)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 1 || num(t, subs[0], "plan_id") != w.defaultServicePlan(t, w.svc) || subs[0]["state"] != "live" {
		t.Fatalf("subscriptions: %v", subs)
	}
	if w.contracts(t, w.plan) != 1 || w.contracts(t, w.defaultServicePlan(t, w.svc)) != 1 {
		t.Fatal("a new application counts one contract on its plan and one on the service plan")
	}
	// A second application joins the subscription.
	w.newApp(t, w.acc, w.plan, nil)
	if w.contracts(t, w.plan) != 2 || w.contracts(t, w.defaultServicePlan(t, w.svc)) != 1 {
		t.Fatal("second application: 2 application contracts, still 1 subscription")
	}
}

func TestApplicationXML(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	a := w.newApp(t, w.acc, w.plan, url.Values{"name": {"Feed & Co"}})
	id := testenv.ID(t, a)
	for _, path := range []string{w.app(w.acc, id) + ".xml", w.app(w.acc, id)} {
		r := w.do(t, "GET", path, nil)
		body := r.String()
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("GET %s: %d %s", path, r.Status, body)
		}
		want := `<?xml version="1.0" encoding="UTF-8"?><application><id>` + testenv.S(id) + `</id><created_at>`
		if !strings.HasPrefix(body, want) {
			t.Fatalf("XML must start %s: %s", want, body)
		}
		for _, part := range []string{"<state>live</state><user_account_id>" + testenv.S(w.acc) + "</user_account_id>",
			"<service_id>" + testenv.S(w.svc) + "</service_id><user_key>" + text(t, a, "user_key") + "</user_key>",
			`<plan custom="false" default="false"><id>` + testenv.S(w.plan) + "</id>", "<type>application_plan</type>",
			"</plan><name>Feed &amp; Co</name></application>"} {
			if !strings.Contains(body, part) {
				t.Fatalf("XML lacks %s: %s", part, body)
			}
		}
		if strings.Contains(body, "<links>") || strings.Contains(body, "<application_id>") || strings.Contains(body, "<enabled>") {
			t.Fatalf("XML has JSON-only fields: %s", body)
		}
	}
	// Created through XML, answered in XML.
	r := w.do(t, "POST", w.apps(w.acc)+".xml", url.Values{"plan_id": {testenv.S(w.plan)}, "name": {"x"}})
	if r.Status != 201 || !strings.Contains(r.String(), "<name>x</name>") {
		t.Fatalf("POST .xml: %d %s", r.Status, r.Body)
	}
}

func TestApplicationCreateAppIDServices(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}})
	r := w.do(t, "POST", w.apps(w.acc)+".xml", url.Values{"plan_id": {testenv.S(w.plan)}, "name": {"two keys"},
		"application_id": {"my-app-id"}, "application_key[]": {"first-key", "second-key"}})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	for _, part := range []string{"<application_id>my-app-id</application_id><keys><key>first-key</key><key>second-key</key></keys>"} {
		if !strings.Contains(r.String(), part) {
			t.Fatalf("XML lacks %s: %s", part, r.Body)
		}
	}
	if strings.Contains(r.String(), "<user_key>") {
		t.Fatalf("an app_id service shows no user_key: %s", r.Body)
	}
	a := w.newApp(t, w.acc, w.plan, nil)
	if !regexp.MustCompile(`^[0-9a-f]{8}$`).MatchString(text(t, a, "application_id")) {
		t.Fatalf("generated application_id must be 8 hex characters: %v", a)
	}
	if _, ok := a["user_key"]; ok {
		t.Fatalf("JSON of an app_id service has no user_key: %v", a)
	}
	// OIDC: a client secret is generated; client_id is the application_id.
	oidc := w.service(t, url.Values{"backend_version": {"oidc"}})
	o := w.newApp(t, w.acc, w.appPlan(t, oidc, nil), url.Values{"redirect_url": {"https://example.com/cb"}})
	if o["client_id"] != o["application_id"] || !hex32.MatchString(text(t, o, "client_secret")) || o["redirect_url"] != "https://example.com/cb" {
		t.Fatalf("OIDC application: %v", o)
	}
	// OIDC allows one key only.
	r = w.do(t, "POST", w.apps(w.acc)+".json", url.Values{"plan_id": {testenv.S(w.appPlan(t, oidc, nil))}, "name": {"x"},
		"application_key[]": {"secret-one", "secret-two"}})
	if r.Status != 422 || !strings.Contains(r.String(), "Limit reached") {
		t.Fatalf("two OIDC secrets: %d %s", r.Status, r.Body)
	}
}

func TestApplicationStartsPendingWhenPlanRequiresApproval(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	plan := w.appPlan(t, w.svc, url.Values{"approval_required": {"true"}})
	a := w.newApp(t, w.acc, plan, nil)
	if a["state"] != "pending" || a["enabled"] != false {
		t.Fatalf("application on an approval plan: %v", a)
	}
}

func TestApplicationCreateRefusesBadInput(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	apps := w.apps(w.acc) + ".json"
	plan := testenv.S(w.plan)
	cases := []struct {
		name   string
		path   string
		form   url.Values
		status int
		field  string
	}{
		{"no plan", apps, url.Values{"name": {"x"}}, 422, "plan_id"},
		{"plan not a number", apps, url.Values{"name": {"x"}, "plan_id": {"abc"}}, 422, "plan_id"},
		{"unknown plan", apps, url.Values{"name": {"x"}, "plan_id": {"999999999"}}, 404, ""},
		{"service plan", apps, url.Values{"name": {"x"}, "plan_id": {testenv.S(w.defaultServicePlan(t, w.svc))}}, 404, ""},
		{"unknown account", w.apps(999999999) + ".json", url.Values{"name": {"x"}, "plan_id": {plan}}, 404, ""},
		{"account not a number", "/admin/api/accounts/abc/applications.json", url.Values{"name": {"x"}, "plan_id": {plan}}, 404, ""},
		{"no name", apps, url.Values{"plan_id": {plan}}, 422, "name"},
		{"name as a hash", apps, url.Values{"plan_id": {plan}, "name[x]": {"y"}}, 422, "name"},
		{"bad user_key", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "user_key": {"has space"}}, 422, "user_key"},
		{"user_key too long", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "user_key": {strings.Repeat("k", 257)}}, 422, "user_key"},
		{"application_id with /", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "application_id": {"a/bcd"}}, 422, "application_id"},
		{"application_id too short", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "application_id": {"abc"}}, 422, "application_id"},
		{"key too short", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "application_key": {"abc"}}, 422, "application_key"},
		{"six keys", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "application_key[]": {"key-1", "key-2", "key-3", "key-4", "key-5", "key-6"}}, 422, "base"},
		{"same key twice", apps, url.Values{"plan_id": {plan}, "name": {"x"}, "application_key[]": {"key-1", "KEY-1"}}, 422, "application_key"},
	}
	for _, c := range cases {
		r := w.do(t, "POST", c.path, c.form)
		if r.Status != c.status {
			t.Fatalf("%s: want %d, got %d %s", c.name, c.status, r.Status, r.Body)
		}
		if c.field != "" {
			if _, ok := fieldErrors(t, r)[c.field]; !ok {
				t.Fatalf("%s: no error on %s: %s", c.name, c.field, r.Body)
			}
		} else if r.String() != `{"status":"Not found"}` {
			t.Fatalf("%s: 404 body %s", c.name, r.Body)
		}
	}
	r := w.do(t, "POST", w.apps(w.acc)+".xml", url.Values{"plan_id": {plan}})
	if r.Status != 422 || r.String() != `<?xml version="1.0" encoding="UTF-8"?><errors><error>Name can't be blank</error></errors>` {
		t.Fatalf("XML validation error: %d %s", r.Status, r.Body)
	}
	r = w.env.Raw(t, "POST", w.apps(w.acc)+".json?access_token="+w.tn.Token, "application/x-www-form-urlencoded",
		[]byte("plan_id="+plan+"&name=%ff"))
	if r.Status != 400 {
		t.Fatalf("invalid UTF-8: %d %s", r.Status, r.Body)
	}
	// A custom plan belongs to its application alone.
	a := w.newApp(t, w.acc, w.plan, nil)
	custom := obj(t, send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, a))+"/customize_plan.json", nil), "application_plan")
	r = w.do(t, "POST", apps, url.Values{"plan_id": {testenv.S(testenv.ID(t, custom))}, "name": {"x"}})
	if r.Status != 422 || !strings.Contains(r.String(), "plan_id") {
		t.Fatalf("custom plan of another application: %d %s", r.Status, r.Body)
	}
	// Nothing of the refused requests was written.
	list := items(t, send(t, w.tn, 200, "GET", apps, nil), "applications", "application")
	if len(list) != 1 || w.contracts(t, w.plan) != 0 {
		t.Fatalf("refused creates left traces: %d applications, %d contracts", len(list), w.contracts(t, w.plan))
	}
}

func TestApplicationUpdate(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	a := w.newApp(t, w.acc, w.plan, url.Values{"description": {"old"}})
	other := w.newApp(t, w.acc, w.plan, nil)
	path := w.app(w.acc, testenv.ID(t, a))
	got := obj(t, send(t, w.tn, 200, "PUT", path+".json", url.Values{"application[name]": {"Renamed"}, "description": {""},
		"user_key": {"my-custom-key"}, "plan_id": {testenv.S(num(t, a, "plan_id"))}}), "application")
	if got["name"] != "Renamed" || got["description"] != nil || got["user_key"] != "my-custom-key" || got["plan_id"] != a["plan_id"] {
		t.Fatalf("updated: %v", got)
	}
	// The new key finds the application, the old one nothing.
	send(t, w.tn, 200, "GET", "/admin/api/applications/find.json", url.Values{"user_key": {"my-custom-key"}})
	send(t, w.tn, 404, "GET", "/admin/api/applications/find.json", url.Values{"user_key": {text(t, a, "user_key")}})
	// A key another application holds is refused, and nothing changes.
	r := w.do(t, "PUT", path+".json", url.Values{"name": {"Again"}, "user_key": {text(t, other, "user_key")}})
	if r.Status != 422 || fieldErrors(t, r)["user_key"] == nil {
		t.Fatalf("taken user_key: %d %s", r.Status, r.Body)
	}
	for _, bad := range []url.Values{{"name": {""}}, {"user_key": {""}}, {"user_key": {"bad key"}}} {
		if r := w.do(t, "PUT", path+".json", bad); r.Status != 422 {
			t.Fatalf("update %v: %d %s", bad, r.Status, r.Body)
		}
	}
	// plan_id moves the application (see docs/compatibility.md): an unknown plan is a 404.
	if r := w.do(t, "PUT", path+".json", url.Values{"name": {"Again"}, "plan_id": {"999999999"}}); r.Status != 404 {
		t.Fatalf("update to an unknown plan: %d %s", r.Status, r.Body)
	}
	got = obj(t, send(t, w.tn, 200, "GET", path+".json", nil), "application")
	if got["name"] != "Renamed" || got["user_key"] != "my-custom-key" {
		t.Fatalf("refused updates changed the application: %v", got)
	}
	r = w.do(t, "PUT", path+".xml", url.Values{"name": {"Via XML"}})
	if r.Status != 200 || !strings.Contains(r.String(), "<name>Via XML</name>") {
		t.Fatalf("XML update: %d %s", r.Status, r.Body)
	}
	// The application of another account is not reachable through this one.
	send(t, w.tn, 404, "PUT", w.app(w.developer(t), testenv.ID(t, a))+".json", url.Values{"name": {"x"}})
	send(t, w.tn, 404, "GET", w.app(w.acc, 999999999)+".json", nil)
	send(t, w.tn, 404, "GET", w.apps(w.acc)+"/abc.json", nil)
}

func TestApplicationDelete(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	a := w.newApp(t, w.acc, w.plan, url.Values{"user_key": {"deleted-key"}})
	b := w.newApp(t, w.acc, w.plan, nil)
	path := w.app(w.acc, testenv.ID(t, a))
	send(t, w.tn, 404, "DELETE", w.app(w.developer(t), testenv.ID(t, a))+".json", nil)
	r := w.do(t, "DELETE", path+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %q", r.Status, r.Body)
	}
	send(t, w.tn, 404, "GET", path+".json", nil)
	send(t, w.tn, 404, "DELETE", path+".json", nil)
	if w.contracts(t, w.plan) != 1 {
		t.Fatalf("contracts after delete: %d", w.contracts(t, w.plan))
	}
	// Its user_key is free again.
	w.newApp(t, w.acc, w.plan, url.Values{"user_key": {"deleted-key"}})
	// XML delete answers 200 with an empty body too.
	r = w.do(t, "DELETE", w.app(w.acc, testenv.ID(t, b))+".xml", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("XML delete: %d %q", r.Status, r.Body)
	}
}

func TestAccountApplicationsList(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	approval := w.appPlan(t, w.svc, url.Values{"approval_required": {"1"}})
	live := w.newApp(t, w.acc, w.plan, nil)
	pending := w.newApp(t, w.acc, approval, nil)
	suspended := w.newApp(t, w.acc, w.plan, nil)
	send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, suspended))+"/suspend.json", nil)
	w.newApp(t, w.developer(t), w.plan, nil) // another account's
	all := items(t, send(t, w.tn, 200, "GET", w.apps(w.acc)+".json", nil), "applications", "application")
	if got := ids(t, all); len(got) != 3 || got[0] != testenv.ID(t, live) || got[1] != testenv.ID(t, pending) || got[2] != testenv.ID(t, suspended) {
		t.Fatalf("list: %v", got)
	}
	for state, want := range map[string]map[string]any{"live": live, "pending": pending, "suspended": suspended} {
		got := items(t, send(t, w.tn, 200, "GET", w.apps(w.acc)+".json", url.Values{"state": {state}}), "applications", "application")
		if len(got) != 1 || testenv.ID(t, got[0]) != testenv.ID(t, want) {
			t.Fatalf("state=%s: %v", state, ids(t, got))
		}
	}
	r := w.do(t, "GET", w.apps(w.acc)+".xml", url.Values{"state": {"pending"}})
	if r.Status != 200 || !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?><applications><application><id>`+testenv.S(testenv.ID(t, pending))) {
		t.Fatalf("XML list: %d %s", r.Status, r.Body)
	}
	empty := send(t, w.tn, 200, "GET", w.apps(w.developer(t))+".json", nil)
	if len(items(t, empty, "applications", "application")) != 0 {
		t.Fatalf("an account without applications: %s", empty.Body)
	}
	send(t, w.tn, 404, "GET", w.apps(999999999)+".json", nil)
}
