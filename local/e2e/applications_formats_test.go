package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// Plan answers of the application operations in XML name the plan <plan>, as 3scale does.
func TestApplicationPlanAnswersInXML(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	path := w.app(w.acc, testenv.ID(t, w.newApp(t, w.acc, w.plan, nil)))
	other := w.appPlan(t, w.svc, nil)
	for _, c := range []struct {
		op   string
		form url.Values
		want string
	}{
		{"change_plan", url.Values{"plan_id": {testenv.S(other)}}, `<plan custom="false" default="false"><id>` + testenv.S(other) + "</id>"},
		{"customize_plan", nil, `<plan custom="true" default="false"><id>`},
		{"decustomize_plan", nil, `<plan custom="false" default="false"><id>` + testenv.S(other) + "</id>"},
	} {
		r := w.do(t, "PUT", path+"/"+c.op+".xml", c.form)
		if r.Status != 200 || !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?>`+c.want) ||
			!strings.Contains(r.String(), "<type>application_plan</type>") {
			t.Fatalf("%s.xml: %d %s", c.op, r.Status, r.Body)
		}
	}
	// JSON names it application_plan.
	obj(t, send(t, w.tn, 200, "PUT", path+"/decustomize_plan.json", nil), "application_plan")
}

// The remaining XML answers: find within an account, deletions, 404s.
func TestApplicationOperationsInXML(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}})
	a := w.newApp(t, w.acc, w.plan, url.Values{"application_key": {"xml-key-1"}})
	path := w.app(w.acc, testenv.ID(t, a))
	r := w.do(t, "GET", w.apps(w.acc)+"/find.xml", url.Values{"app_id": {text(t, a, "application_id")}})
	if r.Status != 200 || !strings.Contains(r.String(), "<application_id>"+text(t, a, "application_id")+"</application_id>") {
		t.Fatalf("find.xml: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 201, "POST", path+"/referrer_filters.json", url.Values{"referrer_filter": {"example.org"}})
	filters := items(t, send(t, w.tn, 200, "GET", path+"/referrer_filters.json", nil), "referrer_filters", "referrer_filter")
	for _, del := range []string{path + "/referrer_filters/" + testenv.S(testenv.ID(t, filters[0])) + ".xml", path + "/keys/xml-key-1.xml"} {
		if r := w.do(t, "DELETE", del, nil); r.Status != 200 || len(r.Body) != 0 {
			t.Fatalf("DELETE %s: %d %q", del, r.Status, r.Body)
		}
	}
	for _, p := range []string{path + "/keys.xml", path + "/referrer_filters.xml"} {
		r := w.do(t, "GET", p, nil)
		if r.Status != 200 || !strings.HasSuffix(r.String(), "/>") && !strings.Contains(r.String(), "></") {
			t.Fatalf("GET %s: %d %s", p, r.Status, r.Body)
		}
	}
	// Unknown or malformed ids in every position are 404 with an empty XML body.
	for _, p := range []string{w.app(w.acc, 999999999) + ".xml", w.apps(w.acc) + "/x1.xml", "/admin/api/accounts/0/applications.xml",
		path + "/keys/no-such-key.xml", path + "/referrer_filters/999999999.xml", path + "/referrer_filters/-1.xml"} {
		method := "GET"
		if strings.Contains(p, "/keys/") || strings.Contains(p, "/referrer_filters/") {
			method = "DELETE"
		}
		if r := w.do(t, method, p, nil); r.Status != 404 || len(r.Body) != 0 {
			t.Fatalf("%s %s: %d %q", method, p, r.Status, r.Body)
		}
	}
}

// Service subscriptions are JSON only: every one of their operations answers XML with 406.
func TestServiceSubscriptionsAreJSONOnly(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	w.newApp(t, w.acc, w.plan, nil)
	subs := w.subs(w.acc)
	id := testenv.S(testenv.ID(t, items(t, send(t, w.tn, 200, "GET", subs+".json", nil), "service_subscriptions", "service_subscription")[0]))
	for _, c := range []struct{ method, path string }{
		{"GET", subs + ".xml"}, {"POST", subs + ".xml"}, {"GET", subs + "/" + id + ".xml"}, {"DELETE", subs + "/" + id + ".xml"},
		{"PUT", subs + "/" + id + "/change_plan.xml"}, {"PUT", subs + "/" + id + "/approve.xml"}, {"GET", subs},
		{"GET", "/admin/api/services/" + testenv.S(w.svc) + "/service_subscriptions.xml"},
	} {
		if r := w.do(t, c.method, c.path, nil); r.Status != 406 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, r.Status, r.Body)
		}
	}
	send(t, w.tn, 200, "GET", subs+"/"+id+".json", nil)
}

// JSON bodies and wrapped parameters work as form ones do.
func TestApplicationJSONBodies(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}})
	sendJSON := func(method, path, body string) *testenv.Response {
		t.Helper()
		return w.env.Raw(t, method, path+"?access_token="+w.tn.Token, "application/json", []byte(body))
	}
	r := sendJSON("POST", w.apps(w.acc)+".json", `{"application":{"plan_id":`+testenv.S(w.plan)+`,"name":"From JSON","application_key":["json-key-1","json-key-2"]}}`)
	if r.Status != 201 {
		t.Fatalf("JSON create: %d %s", r.Status, r.Body)
	}
	a := obj(t, r, "application")
	path := w.app(w.acc, testenv.ID(t, a))
	if r := sendJSON("PUT", path+".json", `{"name":"Renamed from JSON"}`); r.Status != 200 || obj(t, r, "application")["name"] != "Renamed from JSON" {
		t.Fatalf("JSON update: %d %s", r.Status, r.Body)
	}
	if r := sendJSON("POST", path+"/keys.json", `{"key":"json-key-3"}`); r.Status != 201 {
		t.Fatalf("JSON key: %d %s", r.Status, r.Body)
	}
	keys := items(t, send(t, w.tn, 200, "GET", path+"/keys.json", nil), "keys", "key")
	if len(keys) != 3 || keys[2]["value"] != "json-key-3" {
		t.Fatalf("keys: %v", keys)
	}
	for _, bad := range []string{`{"name":["x"],"plan_id":1}`, `{"plan_id":{"a":1},"name":"x"}`, `{"name":`, `[1,2]`} {
		if r := sendJSON("POST", w.apps(w.acc)+".json", bad); r.Status < 400 || r.Status >= 500 {
			t.Fatalf("body %s: %d %s", bad, r.Status, r.Body)
		}
	}
	if r := sendJSON("POST", path+"/keys.json", `{"key":{"nested":"x"}}`); r.Status != 422 {
		t.Fatalf("nested key: %d %s", r.Status, r.Body)
	}
	if r := sendJSON("POST", path+"/referrer_filters.json", `{"referrer_filter":["a"]}`); r.Status != 422 {
		t.Fatalf("list filter: %d %s", r.Status, r.Body)
	}
}
