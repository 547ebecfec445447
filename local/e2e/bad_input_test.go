package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

// nasty inputs every route must answer with a 4xx (or a success), never a 5xx.
var nasty = []struct {
	name, query, contentType, body string
}{
	{"bad escape in query", "name=%zz&x=%", "", ""},
	{"invalid UTF-8 in query", "name=%FF%FE&org_name=%C3%28", "", ""},
	{"conflicting nesting", "a[]=1&a[b]=2&usage[]=1&usage[hits]=1", "", ""},
	{"arrays for scalars", "name[]=x&plan_id[]=1&period[x]=day&value[]=2&org_name[]=o&username[a]=b", "", ""},
	{"huge numbers", "plan_id=99999999999999999999999&value=1e400&setup_fee=NaN&trial_period_days=-5&usage[hits]=99999999999999999999", "", ""},
	{"deep nesting", strings.Repeat("a[", 40) + "x" + strings.Repeat("]", 40) + "=1", "", ""},
	{"form with invalid UTF-8", "", "application/x-www-form-urlencoded", "name=\xff\xfe&org_name=\xc3\x28"},
	{"malformed JSON", "", "application/json", `{"name": "x",`},
	{"JSON array", "", "application/json", `[1,2,3]`},
	{"JSON wrong types", "", "application/json", `{"name": {"a": 1}, "plan_id": [1], "period": 5, "value": "x", "usage": "1"}`},
	{"unsupported content type", "", "application/octet-stream", "\x00\x01\x02"},
	{"oversized body", "", "application/x-www-form-urlencoded", "name=" + strings.Repeat("x", 2<<20)},
	{"broken multipart", "", "multipart/form-data; boundary=zz", "--zz\r\nnonsense"},
}

func TestBadInputNeverFails(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 10})
	ids := map[string]string{"service_id": testenv.S(app.Service), "plan_id": testenv.S(app.Plan),
		"metric_id": testenv.S(app.Hits), "account_id": testenv.S(app.Account)}
	for _, op := range ops.All() {
		for _, variant := range op.Routes() {
			path := variant
			for k, v := range ids {
				path = strings.ReplaceAll(path, "{"+k+"}", v)
			}
			path = strings.NewReplacer("{id}", "1", "{limit_id}", "1").Replace(path)
			for _, n := range nasty {
				auth := "access_token=" + tn.Token + "&provider_key=" + tn.ProviderKey + "&service_id=" + ids["service_id"] + "&user_key=" + app.UserKey
				q := auth
				if n.query != "" {
					q += "&" + n.query
				}
				r := env.Raw(t, op.Method, path+"?"+q, n.contentType, []byte(n.body))
				if r.Status >= 500 {
					t.Errorf("%s %s (%s): %d %s", op.Method, path, n.name, r.Status, truncate(r.Body))
				}
				if strings.HasSuffix(path, ".json") && len(r.Body) > 0 && !json.Valid(r.Body) {
					t.Errorf("%s %s (%s): body is not JSON: %s", op.Method, path, n.name, truncate(r.Body))
				}
			}
		}
	}
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// The documented shapes of the admin API's errors, on the thin path's routes.
func TestAdminErrorShapes(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, nil)
	cases := []struct {
		name, method, path string
		form               url.Values
		status             int
		body               string
	}{
		{"no token", "POST", "/admin/api/services.json", url.Values{"name": {"x"}}, 403, `{"error":"Access denied"}`},
		{"wrong token", "POST", "/admin/api/services.json", url.Values{"name": {"x"}, "access_token": {"nope"}}, 403, `{"error":"Access denied"}`},
		{"wrong provider key", "POST", "/admin/api/signup.json", url.Values{"provider_key": {"nope"}}, 403, `{"error":"Access denied"}`},
		{"wrong master token", "POST", "/master/api/providers.json", url.Values{"access_token": {tn.Token}}, 403, `{"error":"Access denied"}`},
		{"no token XML", "POST", "/admin/api/services.xml", url.Values{"name": {"x"}}, 403, `<?xml version="1.0" encoding="UTF-8"?><error>Access denied</error>`},
		{"missing name", "POST", "/admin/api/services.json", url.Values{"access_token": {tn.Token}}, 422, `{"errors":{"name":["can't be blank"]}}`},
		{"missing name XML", "POST", "/admin/api/services.xml", url.Values{"access_token": {tn.Token}}, 422, `<?xml version="1.0" encoding="UTF-8"?><errors><error>Name can't be blank</error></errors>`},
		{"unknown service", "POST", "/admin/api/services/999999999/application_plans.json", url.Values{"access_token": {tn.Token}, "name": {"p"}}, 404, `{"status":"Not found"}`},
		{"unknown service XML", "POST", "/admin/api/services/999999999/application_plans.xml", url.Values{"access_token": {tn.Token}, "name": {"p"}}, 404, ``},
		{"non-numeric service", "POST", "/admin/api/services/abc/application_plans.json", url.Values{"access_token": {tn.Token}, "name": {"p"}}, 404, `{"status":"Not found"}`},
		{"another tenant's service", "POST", "/admin/api/services/" + testenv.S(app.Service) + "/application_plans.json",
			url.Values{"access_token": {env.NewTenant(t).Token}, "name": {"p"}}, 404, `{"status":"Not found"}`},
		{"bad period", "POST", "/admin/api/application_plans/" + testenv.S(app.Plan) + "/metrics/" + testenv.S(app.Hits) + "/limits.json",
			url.Values{"access_token": {tn.Token}, "period": {"fortnight"}, "value": {"1"}}, 422, `{"errors":{"period":["is invalid"]}}`},
		{"value not a number", "POST", "/admin/api/application_plans/" + testenv.S(app.Plan) + "/metrics/" + testenv.S(app.Hits) + "/limits.json",
			url.Values{"access_token": {tn.Token}, "period": {"day"}, "value": {"ten"}}, 422, `{"errors":{"value":["is not a number"]}}`},
		{"unknown metric", "POST", "/admin/api/application_plans/" + testenv.S(app.Plan) + "/metrics/1/limits.json",
			url.Values{"access_token": {tn.Token}, "period": {"day"}}, 404, `{"status":"Not found"}`},
		{"signup without username", "POST", "/admin/api/signup.json", url.Values{"access_token": {tn.Token}, "org_name": {"o"}}, 422, `{"errors":{"username":["can't be blank"]}}`},
		{"application without plan", "POST", "/admin/api/accounts/" + testenv.S(app.Account) + "/applications.json",
			url.Values{"access_token": {tn.Token}, "name": {"a"}}, 422, `{"errors":{"plan_id":["can't be blank"]}}`},
		{"application on unknown plan", "POST", "/admin/api/accounts/" + testenv.S(app.Account) + "/applications.json",
			url.Values{"access_token": {tn.Token}, "name": {"a"}, "plan_id": {"424242424242"}}, 404, `{"status":"Not found"}`},
		{"application of unknown account", "POST", "/admin/api/accounts/424242424242/applications.json",
			url.Values{"access_token": {tn.Token}, "name": {"a"}, "plan_id": {testenv.S(app.Plan)}}, 404, `{"status":"Not found"}`},
		{"taken user_key", "POST", "/admin/api/accounts/" + testenv.S(app.Account) + "/applications.json",
			url.Values{"access_token": {tn.Token}, "name": {"a"}, "plan_id": {testenv.S(app.Plan)}, "user_key": {app.UserKey}}, 422, `{"errors":{"user_key":["has already been taken"]}}`},
		{"tenant without org_name", "POST", "/master/api/providers.json", url.Values{"access_token": {testenv.MasterToken}, "username": {"abc"}, "email": {"a@b.co"}},
			422, `{"errors":{"account":["Org name can't be blank"]}}`},
	}
	for _, c := range cases {
		r := env.Do(t, c.method, c.path, c.form)
		if r.Status != c.status || r.String() != c.body {
			t.Errorf("%s: got %d %s, want %d %s", c.name, r.Status, r.Body, c.status, c.body)
		}
	}
	// Nothing was created by the refused calls: the taken user_key still belongs to the app.
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}})
	if r.Status != 200 {
		t.Fatalf("authrep after refused calls: %d %s", r.Status, r.Body)
	}
}

func TestUnknownRoute(t *testing.T) {
	t.Parallel()
	r := testenv.Get(t).Do(t, "GET", "/nowhere.json", nil)
	if r.Status != 404 {
		t.Fatalf("unknown route: %d", r.Status)
	}
}
