package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// A new product's proxy carries porta's defaults and the catch-all rule.
func TestProxyDefaults(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Echo API"}}))
	r := tn.Do(t, "GET", sp(svc, "/proxy.json"), nil)
	status(t, r, 200)
	px := obj(t, r, "proxy")
	for k, want := range map[string]any{"credentials_location": "query", "auth_user_key": "user_key", "auth_app_id": "app_id",
		"auth_app_key": "app_key", "error_auth_failed": "Authentication failed", "error_status_auth_failed": 403.0,
		"error_auth_missing": "Authentication parameters missing", "error_status_auth_missing": 403.0,
		"error_no_match": "No Mapping Rule matched", "error_status_no_match": 404.0, "error_limits_exceeded": "Usage limit exceeded",
		"error_status_limits_exceeded": 429.0, "error_headers_no_match": "text/plain; charset=us-ascii", "api_test_path": "/",
		"deployment_option": "hosted", "api_backend": nil} {
		if px[k] != want {
			t.Errorf("%s = %v, want %v", k, px[k], want)
		}
	}
	if _, ok := px["api_backend"]; !ok {
		t.Error("api_backend is always present")
	}
	if s, _ := px["secret_token"].(string); !strings.HasPrefix(s, "Shared_secret_sent_from_proxy_to_API_backend_") || len(s) != 45+16 {
		t.Errorf("secret_token %q", px["secret_token"])
	}
	if s, _ := px["sandbox_endpoint"].(string); !strings.HasPrefix(s, "https://echo-api-") || !strings.HasSuffix(s, "-apicast-staging.localhost:443") {
		t.Errorf("sandbox_endpoint %q", s)
	}
	xr := tn.Do(t, "GET", sp(svc, "/proxy.xml"), nil)
	status(t, xr, 200)
	for _, want := range []string{"<proxy>", "<api_backend></api_backend>", `<policies_config>[{&quot;name&quot;=&gt;&quot;apicast&quot;`} {
		if !strings.Contains(xr.String(), want) {
			t.Errorf("XML lacks %s: %s", want, xr.Body)
		}
	}
	rules := items(t, tn.Do(t, "GET", sp(svc, "/proxy/mapping_rules.json"), nil), "mapping_rules", "mapping_rule")
	hits := tn.MetricID(t, svc, "hits")
	if len(rules) != 1 || rules[0]["pattern"] != "/" || rules[0]["http_method"] != "GET" || num(t, rules[0], "metric_id") != hits ||
		num(t, rules[0], "position") != 1 || rules[0]["last"] != false || num(t, rules[0], "delta") != 1 {
		t.Fatalf("default rule: %v", rules)
	}
}

func TestProxyUpdateValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Echo API"}}))
	r := tn.Do(t, "PATCH", sp(svc, "/proxy.json"), url.Values{"credentials_location": {"cookie"}, "error_status_no_match": {"600"},
		"error_auth_failed": {"nope!"}, "endpoint": {"https://a.example.com/path"}, "auth_user_key": {"bad key"}})
	status(t, r, 422)
	errs := fieldErrors(t, r)
	for f, msg := range map[string]string{"credentials_location": "is not included in the list", "error_status_no_match": "must be less than 600",
		"error_auth_failed": "invalid", "endpoint": "the accepted format is 'protocol://address(:port)'", "auth_user_key": "invalid"} {
		if len(errs[f]) != 1 || errs[f][0] != msg {
			t.Errorf("%s: %v, want %q", f, errs[f], msg)
		}
	}
	if px := obj(t, tn.Do(t, "GET", sp(svc, "/proxy.json"), nil), "proxy"); px["credentials_location"] != "query" {
		t.Fatalf("an invalid update saved something: %v", px)
	}
	status(t, tn.Do(t, "PATCH", sp(svc, "/proxy.json"), url.Values{"unknown": {"x"}}), 400)
	r = tn.Do(t, "PUT", sp(svc, "/proxy.json"), url.Values{"proxy[credentials_location]": {"headers"}, "error_status_auth_missing": {"401"},
		"api_backend": {"http://127.0.0.1:9/api"}, "endpoint": {"https://api.example.com"}})
	status(t, r, 200)
	px := obj(t, r, "proxy")
	if px["credentials_location"] != "headers" || px["error_status_auth_missing"] != 401.0 || px["api_backend"] != "http://127.0.0.1:9/api" ||
		px["endpoint"] != "https://api.example.com:443" || px["lock_version"] != 1.0 {
		t.Fatalf("PUT saved %v", px)
	}
	status(t, tn.Do(t, "PATCH", sp(svc, "/proxy.json"), url.Values{"api_backend": {"ftp://x.example.com"}}), 422)
	status(t, tn.Do(t, "GET", "/admin/api/services/999999999/proxy.json", nil), 404)
}

func TestMappingRuleCRUD(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	base := sp(p.svc, "/proxy/mapping_rules")
	bad := []struct {
		form   url.Values
		status int
		field  string
		msg    string
	}{
		{url.Values{"http_method": {"GET"}, "pattern": {"foo"}, "delta": {"1"}, "metric_id": {testenv.S(p.v1)}}, 422, "pattern",
			"a Mapping Rule has to start with '/' and\ncan only contain valid URL characters and 'wildcards' - words inside curly brackets ('{}')\n"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a/{x}/{x}"}, "delta": {"1"}, "metric_id": {testenv.S(p.v1)}}, 422, "pattern", "Can't have repeated variable names"},
		{url.Values{"http_method": {"get"}, "pattern": {"/a"}, "delta": {"1"}, "metric_id": {testenv.S(p.v1)}}, 422, "http_method", "is not included in the list"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"0"}, "metric_id": {testenv.S(p.v1)}}, 422, "delta", "must be greater than 0"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"x"}, "metric_id": {testenv.S(p.v1)}}, 422, "delta", "is not a number"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"1"}}, 422, "metric_id", "can't be blank"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"1"}, "metric_id": {testenv.S(p.v1)}, "position": {"0"}}, 422, "position", "must be greater than 0"},
		{url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"1"}, "metric_id": {"99999999"}}, 404, "", ""},
	}
	for i, c := range bad {
		r := p.tn.Do(t, "POST", base+".json", c.form)
		status(t, r, c.status)
		if c.field != "" {
			if errs := fieldErrors(t, r); len(errs[c.field]) == 0 || errs[c.field][0] != c.msg {
				t.Errorf("bad rule %d: %v, want %s %q", i, errs, c.field, c.msg)
			}
		}
	}
	// Another product's metric is not found.
	other := testenv.ID(t, p.tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Other"}}))
	status(t, p.tn.Do(t, "POST", base+".json", url.Values{"http_method": {"GET"}, "pattern": {"/a"}, "delta": {"1"},
		"metric_id": {testenv.S(p.tn.MetricID(t, other, "hits"))}}), 404)

	a := p.rule(t, "GET", "/a", p.v1)
	b := p.rule(t, "GET", "/b", p.v1, "position", "1", "last", "true")
	rules := p.rules(t)
	if len(rules) != 3 || testenv.ID(t, rules[0]) != b || testenv.ID(t, rules[2]) != a || num(t, rules[1], "position") != 2 || rules[0]["last"] != true {
		t.Fatalf("positions after insert at 1: %v", rules)
	}
	r := p.tn.Do(t, "PUT", base+"/"+testenv.S(a)+".json", url.Values{"pattern": {"/a$"}, "position": {"1"}})
	status(t, r, 200)
	if got := obj(t, r, "mapping_rule"); got["pattern"] != "/a$" || num(t, got, "position") != 1 {
		t.Fatalf("updated %v", got)
	}
	status(t, p.tn.Do(t, "PATCH", base+"/"+testenv.S(a)+".json", url.Values{"metric_id": {"99999999"}}), 404)
	xr := p.tn.Do(t, "GET", base+"/"+testenv.S(a)+".xml", nil)
	if xr.Status != 200 || !strings.Contains(xr.String(), "<pattern>/a$</pattern>") || !strings.Contains(xr.String(), "<last>false</last>") {
		t.Fatalf("XML rule: %d %s", xr.Status, xr.Body)
	}
	r = p.tn.Do(t, "DELETE", base+"/"+testenv.S(a)+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %q", r.Status, r.Body)
	}
	status(t, p.tn.Do(t, "GET", base+"/"+testenv.S(a)+".json", nil), 404)
	if rules := p.rules(t); len(rules) != 2 || num(t, rules[0], "position") != 1 || num(t, rules[1], "position") != 2 {
		t.Fatalf("positions after delete: %v", rules)
	}
}

// Configs: versions only when content changes, promote keeps the number,
// mapping rule edits reach the gateway only after a deploy.
func TestProxyConfigs(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t) // the PATCH setting api_backend deployed version 1
	cfgs := sp(p.svc, "/proxy/configs")
	status(t, p.tn.Do(t, "GET", cfgs+"/production/latest.json", nil), 404)
	status(t, p.tn.Do(t, "GET", cfgs+"/sandbox.xml", nil), 406)
	status(t, p.tn.Do(t, "GET", cfgs+"/sandbox", nil), 406)
	r := p.tn.Do(t, "GET", cfgs+"/qa.json", nil)
	status(t, r, 400)
	if r.JSON(t)["error"] != "invalid environment" {
		t.Fatalf("bad environment: %s", r.Body)
	}
	status(t, p.tn.Do(t, "GET", "/admin/api/account/proxy_configs/qa.json", nil), 422)
	p.deploy(t) // unchanged: no new version
	list := items(t, p.tn.Do(t, "GET", cfgs+"/staging.json", nil), "proxy_configs", "proxy_config")
	if len(list) != 1 || num(t, list[0], "version") != 1 || list[0]["environment"] != "sandbox" {
		t.Fatalf("sandbox configs: %v", list)
	}
	content := inner(t, list[0], "content")
	proxyDoc := inner(t, content, "proxy")
	rules := array(t, proxyDoc, "proxy_rules")
	var first jmap
	if len(rules) > 0 {
		first, _ = rules[0].(jmap)
	}
	if content["backend_version"] != "1" || len(rules) != 1 || first["metric_system_name"] != "hits" || len(array(t, proxyDoc, "hosts")) != 2 {
		t.Fatalf("config content: %v", content)
	}

	k := "user_key=" + url.QueryEscape(p.userKey)
	p.deleteRules(t)
	p.rule(t, "GET", "/v1", p.v1)
	echoed(t, p.call(t, "GET", p.staging, "/anything?"+k), "the deployed catch-all still applies before deploy")
	p.deploy(t)
	answer(t, p.call(t, "GET", p.staging, "/anything?"+k), 404, "No Mapping Rule matched", "after deploy")
	echoed(t, p.call(t, "GET", p.staging, "/v1?"+k), "the new rule after deploy")

	latest := obj(t, p.tn.Do(t, "GET", cfgs+"/sandbox/latest.json", nil), "proxy_config")
	if num(t, latest, "version") != 2 {
		t.Fatalf("latest: %v", latest)
	}
	status(t, p.tn.Do(t, "GET", cfgs+"/sandbox/1.json", nil), 200)
	status(t, p.tn.Do(t, "GET", cfgs+"/sandbox/9.json", nil), 404)
	status(t, p.tn.Do(t, "POST", cfgs+"/sandbox/2/promote.json", nil), 400)
	status(t, p.tn.Do(t, "POST", cfgs+"/sandbox/2/promote.json", url.Values{"to": {"staging"}}), 422)
	r = p.tn.Do(t, "POST", cfgs+"/sandbox/2/promote.json", url.Values{"to": {"production"}})
	status(t, r, 201)
	if got := obj(t, r, "proxy_config"); num(t, got, "version") != 2 || got["environment"] != "production" {
		t.Fatalf("promoted %v", got)
	}
	r = p.tn.Do(t, "POST", cfgs+"/sandbox/2/promote.json", url.Values{"to": {"production"}})
	status(t, r, 422)
	if errs := fieldErrors(t, r); len(errs["version"]) != 1 || errs["version"][0] != "has already been taken" {
		t.Fatalf("promote twice: %s", r.Body)
	}
	status(t, p.tn.Do(t, "POST", cfgs+"/sandbox/1/promote.json", url.Values{"to": {"production"}}), 201)
	if got := obj(t, p.tn.Do(t, "GET", cfgs+"/production/latest.json", nil), "proxy_config"); num(t, got, "version") != 2 {
		t.Fatalf("production latest stays the highest number: %v", got)
	}
	acct := items(t, p.tn.Do(t, "GET", "/admin/api/account/proxy_configs/production?version=latest&host="+p.production, nil), "proxy_configs", "proxy_config")
	if len(acct) != 1 || num(t, acct[0], "version") != 2 {
		t.Fatalf("account list: %v", acct)
	}
	if acct := items(t, p.tn.Do(t, "GET", "/admin/api/account/proxy_configs/production.json?host=nowhere.example", nil), "proxy_configs", "proxy_config"); len(acct) != 0 {
		t.Fatalf("host filter: %v", acct)
	}
}
