package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/store"
)

func TestServiceCreateReadUpdateJSON(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "POST", "/admin/api/services.json", url.Values{
		"name": {"Echo API"}, "description": {"Echoes"}, "backend_version": {"2"}, "deployment_option": {"self_managed"},
		"support_email": {"help@example.com"}, "intentions_required": {"true"}, "buyers_manage_apps": {"false"},
		"buyers_manage_keys": {"0"}, "referrer_filters_required": {"1"}, "buyer_can_select_plan": {"true"},
		"buyer_plan_change_permission": {"direct"}, "buyer_key_regenerate_enabled": {"false"}, "mandatory_app_key": {"false"},
		"custom_keys_enabled": {"false"}, "annotations[team]": {"core"}, "notification_settings[web_provider][]": {"50", "100"},
		"state_event": {"publish"}})
	status(t, r, 201)
	s := obj(t, r, "service")
	id := testenv.ID(t, s)
	want := jmap{"name": "Echo API", "system_name": "echo_api", "state": "published", "backend_version": "2",
		"deployment_option": "self_managed", "support_email": "help@example.com", "description": "Echoes",
		"intentions_required": true, "buyers_manage_apps": false, "buyers_manage_keys": false, "referrer_filters_required": true,
		"custom_keys_enabled": false, "buyer_key_regenerate_enabled": false, "mandatory_app_key": false,
		"buyer_can_select_plan": true, "buyer_plan_change_permission": "direct",
		"notification_settings": jmap{"web_provider": []any{50.0, 100.0}}, "annotations": jmap{"team": "core"}}
	for k, v := range want {
		if !reflect.DeepEqual(s[k], v) {
			t.Errorf("%s = %#v, want %#v", k, s[k], v)
		}
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(text(t, s, k)) {
			t.Errorf("%s = %v", k, s[k])
		}
	}
	lk := links(t, s)
	rels := []string{}
	for _, l := range lk {
		rels = append(rels, text(t, l, "rel"))
		if !strings.HasSuffix(text(t, l, "href"), "/admin/api/services/"+testenv.S(id)+map[string]string{
			"metrics": "/metrics", "self": "", "service_plans": "/service_plans", "application_plans": "/application_plans",
			"features": "/features"}[text(t, l, "rel")]) {
			t.Errorf("link %v", l)
		}
	}
	if strings.Join(rels, ",") != "metrics,self,service_plans,application_plans,features" {
		t.Errorf("links %v", rels)
	}
	if _, ok := s["account_id"]; ok {
		t.Error("account_id is XML only")
	}

	// Read gives the same representation; defaults of a minimal service.
	got := obj(t, tn.Do(t, "GET", sp(id, ".json"), nil), "service")
	if !reflect.DeepEqual(got, s) {
		t.Errorf("read differs from create:\n%v\n%v", got, s)
	}
	plain := obj(t, tn.Do(t, "POST", "/admin/api/services.json", url.Values{"name": {"Plain"}}), "service")
	for k, v := range (jmap{"state": "incomplete", "backend_version": "1", "deployment_option": "hosted", "buyers_manage_apps": true,
		"buyers_manage_keys": true, "custom_keys_enabled": true, "buyer_key_regenerate_enabled": true, "mandatory_app_key": true,
		"intentions_required": false, "referrer_filters_required": false, "buyer_can_select_plan": false,
		"buyer_plan_change_permission": "request", "annotations": jmap{}, "system_name": "plain"}) {
		if !reflect.DeepEqual(plain[k], v) {
			t.Errorf("default %s = %#v, want %#v", k, plain[k], v)
		}
	}
	if _, ok := plain["description"]; ok {
		t.Error("nil description must be omitted")
	}
	if _, ok := plain["notification_settings"]; ok {
		t.Error("unset notification_settings must be omitted")
	}
	// Without its own support email a service shows the tenant's.
	if e := text(t, plain, "support_email"); !strings.HasSuffix(e, "@example.com") {
		t.Errorf("support_email falls back to the tenant's: %v", plain["support_email"])
	}

	// Update: wrapped parameters, JSON body, state transitions; system_name stays.
	r = tn.Do(t, "PUT", sp(id, ".json"), url.Values{"service[name]": {"Echo 2"}, "service[system_name]": {"other"},
		"service[state_event]": {"hide"}, "description": {""}, "annotations[team]": {""}, "annotations[tier]": {"gold"},
		"backend_version": {"oidc"}})
	status(t, r, 200)
	u := obj(t, r, "service")
	for k, v := range (jmap{"name": "Echo 2", "system_name": "echo_api", "state": "hidden", "backend_version": "oidc",
		"annotations": jmap{"tier": "gold"}}) {
		if !reflect.DeepEqual(u[k], v) {
			t.Errorf("updated %s = %#v, want %#v", k, u[k], v)
		}
	}
	if _, ok := u["description"]; ok {
		t.Error("description cleared must be omitted")
	}
	req := jsonRequest(t, env, "PUT", sp(id, ".json"), tn.Token, `{"service":{"state_event":"take_offline"}}`)
	fieldError(t, req, 422, "state", `cannot transition via "take_offline"`)
	req = jsonRequest(t, env, "PUT", sp(id, ".json"), tn.Token, `{"state_event":"publish","mandatory_app_key":true}`)
	status(t, req, 200)
	if u := obj(t, req, "service"); u["state"] != "published" || u["mandatory_app_key"] != true {
		t.Errorf("JSON body update: %v", u)
	}
	for _, c := range []struct{ ev, state string }{{"take_offline", "offline"}, {"publish", "published"}, {"hide", "hidden"},
		{"deprecate", "deprecated"}} {
		r = tn.Do(t, "PUT", sp(id, ".json"), url.Values{"state_event": {c.ev}})
		if obj(t, r, "service")["state"] != c.state {
			t.Fatalf("%s: %s", c.ev, r.Body)
		}
	}
	fieldError(t, tn.Do(t, "PUT", sp(id, ".json"), url.Values{"state_event": {"hide"}}), 422, "state", `cannot transition via "hide"`)
}

// jsonRequest sends a JSON body with an access token in the query.
func jsonRequest(t testing.TB, env *testenv.Env, method, path, token, body string) *testenv.Response {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return env.Raw(t, method, path+sep+"access_token="+token, "application/json", []byte(body))
}

func TestServiceXML(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	for _, path := range []string{"/admin/api/services.xml", "/admin/api/services"} {
		r := tn.Do(t, "POST", path, url.Values{"service[name]": {testenv.Unique("Xml Svc ")}, "annotations[a]": {"1"},
			"notification_settings[email_buyer][]": {"80"}})
		status(t, r, 201)
		s := xmlRoot(t, r, "service")
		want := []string{"id", "account_id", "name", "state", "system_name", "backend_version", "description",
			"intentions_required", "buyers_manage_apps", "buyers_manage_keys", "referrer_filters_required", "custom_keys_enabled",
			"buyer_key_regenerate_enabled", "mandatory_app_key", "buyer_can_select_plan", "buyer_plan_change_permission",
			"annotations", "notification_settings", "deployment_option", "support_email", "metrics"}
		if !reflect.DeepEqual(s.names(), want) {
			t.Fatalf("XML elements\n%v\nwant\n%v", s.names(), want)
		}
		if s.text("account_id") != testenv.S(tn.ID) || s.child("annotations").text("a") != "1" ||
			s.child("notification_settings").text("email_buyer") != "[80]" {
			t.Fatalf("XML: %s", r.Body)
		}
		ms := s.child("metrics").all("metric")
		if len(ms) != 1 || ms[0].text("system_name") != "hits" || ms[0].text("unit") != "hit" || ms[0].text("service_id") != s.text("id") {
			t.Fatalf("nested metrics: %s", r.Body)
		}
		id := s.text("id")
		rd := xmlRoot(t, tn.Do(t, "GET", "/admin/api/services/"+id+".xml", nil), "service")
		if rd.text("name") != s.text("name") {
			t.Fatalf("read XML %v", rd.names())
		}
		rd = xmlRoot(t, tn.Do(t, "GET", "/admin/api/services/"+id, nil), "service")
		if rd.text("id") != id {
			t.Fatal("bare path is XML")
		}
		up := xmlRoot(t, tn.Do(t, "PUT", "/admin/api/services/"+id+".xml", url.Values{"name": {"Renamed"}}), "service")
		if up.text("name") != "Renamed" {
			t.Fatal("update XML")
		}
	}
	l := xmlRoot(t, tn.Do(t, "GET", "/admin/api/services.xml", nil), "services")
	if n := len(l.all("service")); n != 3 {
		t.Fatalf("%d services in XML list", n)
	}
	for _, s := range l.all("service") {
		if s.child("metrics") == nil {
			t.Fatal("each listed service nests its metrics in XML")
		}
	}
	if len(l.Attrs) != 0 {
		t.Fatalf("no pagination attributes on a single page: %v", l.Attrs)
	}
	// Errors in XML: full messages.
	r := tn.Do(t, "POST", "/admin/api/services.xml", url.Values{"name": {""}})
	status(t, r, 422)
	e := xmlRoot(t, r, "errors")
	if e.text("error") != "Name can't be blank" {
		t.Fatalf("XML errors: %s", r.Body)
	}
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/services/999999999.xml", nil), "/admin/api/services/999999999.xml")
}

func TestServiceValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	post := func(form url.Values) *testenv.Response {
		return tn.Do(t, "POST", "/admin/api/services.json", form)
	}
	fieldError(t, post(url.Values{}), 422, "name", "can't be blank")
	fieldError(t, post(url.Values{"name": {strings.Repeat("n", 256)}}), 422, "name", "is too long (maximum is 255 characters)")
	fieldError(t, post(url.Values{"name": {"x"}, "backend_version": {"3"}}), 422, "backend_version", "is not included in the list")
	fieldError(t, post(url.Values{"name": {"x"}, "deployment_option": {"moon"}}), 422, "deployment_option", "is not included in the list")
	fieldError(t, post(url.Values{"name": {"x"}, "support_email": {"nope"}}), 422, "support_email", "should look like an email address")
	fieldError(t, post(url.Values{"name": {"x"}, "buyer_plan_change_permission": {"maybe"}}), 422, "buyer_plan_change_permission", "is not included in the list")
	fieldError(t, post(url.Values{"name": {"x"}, "mandatory_app_key": {"perhaps"}}), 422, "mandatory_app_key", "is not a boolean")
	fieldError(t, post(url.Values{"name": {"x"}, "state_event": {"explode"}}), 422, "state_event", "is invalid")
	fieldError(t, post(url.Values{"name": {"x"}, "state_event": {"take_offline"}}), 422, "state", `cannot transition via "take_offline"`)
	fieldError(t, post(url.Values{"name": {"xy"}, "system_name": {"bad name!"}}), 422, "system_name", "is invalid")
	fieldError(t, post(url.Values{"name": {"X"}}), 422, "system_name", "is invalid") // one character is too short, as in 3scale
	fieldError(t, post(url.Values{"name": {"x"}, "annotations": {"flat"}}), 422, "annotations", "is invalid")
	fieldError(t, post(url.Values{"name": {"x"}, "annotations[1bad]": {"v"}}), 422, "annotations", "is invalid")
	fieldError(t, post(url.Values{"name": {"x"}, "notification_settings[web_provider][]": {"lots"}}), 422, "notification_settings", "is invalid")
	fieldError(t, post(url.Values{"name": {"x"}, "notification_settings[nobody][]": {"50"}}), 422, "notification_settings", "is invalid")
	fieldError(t, post(url.Values{"name[nested]": {"y"}}), 422, "name", "is invalid")
	long := strings.Repeat("d", 65536)
	fieldError(t, post(url.Values{"name": {"x"}, "description": {long}}), 422, "description", "is too long (maximum is 65535 characters)")
	fieldError(t, post(url.Values{"name": {"x"}, "terms": {long}}), 422, "terms", "is too long (maximum is 65535 characters)")
	fieldError(t, post(url.Values{"name": {"x"}, "system_name": {strings.Repeat("s", 256)}}), 422, "system_name", "is too long (maximum is 255 characters)")
	// Several errors at once.
	errs := fieldErrors(t, post(url.Values{"backend_version": {"9"}, "support_email": {"x"}}))
	if len(errs["name"]) != 1 || len(errs["backend_version"]) != 1 || len(errs["support_email"]) != 1 {
		t.Fatalf("all errors at once: %v", errs)
	}
	// System names are unique per tenant; the default service is "api".
	fieldError(t, post(url.Values{"name": {"API"}}), 422, "system_name", "has already been taken")
	newService(t, tn, url.Values{"name": {"Twin"}, "system_name": {"twin"}})
	fieldError(t, post(url.Values{"name": {"Other"}, "system_name": {"twin"}}), 422, "system_name", "has already been taken")
	// Another tenant may use the same system name.
	newService(t, env.NewTenant(t), url.Values{"name": {"Twin"}, "system_name": {"twin"}})
	// A name without ASCII letters gets a made-up system name, as in 3scale.
	s := tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"日本"}})
	if !regexp.MustCompile(`^service_[0-9a-f]{12}$`).MatchString(text(t, s, "system_name")) {
		t.Fatalf("generated system name %v", s["system_name"])
	}
	// Updates validate too and change nothing when refused.
	id := testenv.ID(t, s)
	fieldError(t, tn.Do(t, "PUT", sp(id, ".json"), url.Values{"name": {""}}), 422, "name", "can't be blank")
	fieldError(t, tn.Do(t, "PUT", sp(id, ".json"), url.Values{"name": {"ok"}, "support_email": {"bad"}}), 422, "support_email", "should look like an email address")
	if got := obj(t, tn.Do(t, "GET", sp(id, ".json"), nil), "service"); got["name"] != "日本" {
		t.Fatalf("a refused update wrote: %v", got)
	}
	// Unknown and malformed ids are not found; malformed bodies are 400.
	for _, p := range []string{"/admin/api/services/0.json", "/admin/api/services/abc.json", "/admin/api/services/99999999999.json", "/admin/api/services/-1.json"} {
		expectNotFound(t, tn.Do(t, "GET", p, nil), p)
		expectNotFound(t, tn.Do(t, "PUT", p, url.Values{"name": {"x"}}), p)
		expectNotFound(t, tn.Do(t, "DELETE", p, nil), p)
	}
	r := env.Raw(t, "POST", "/admin/api/services.json?access_token="+tn.Token, "application/json", []byte(`{"name":`))
	status(t, r, 400)
	r = env.Raw(t, "POST", "/admin/api/services.json?access_token="+tn.Token, "application/x-www-form-urlencoded", []byte("name=%ff%fe"))
	status(t, r, 400)
	// Another tenant's service does not exist for this tenant.
	other := env.NewTenant(t)
	expectNotFound(t, other.Do(t, "GET", sp(id, ".json"), nil), ".json")
}

func TestServiceAuth(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := env.Do(t, "GET", "/admin/api/services.json", nil)
	status(t, r, 403)
	if string(r.Body) != `{"error":"Access denied"}` {
		t.Fatalf("access denied body %s", r.Body)
	}
	r = env.Do(t, "GET", "/admin/api/services.xml", url.Values{"access_token": {"wrong"}})
	status(t, r, 403)
	if !strings.Contains(r.String(), "<error>Access denied</error>") {
		t.Fatalf("XML access denied: %s", r.Body)
	}
	// The provider key works as well.
	status(t, env.Do(t, "GET", "/admin/api/services.json", url.Values{"provider_key": {tn.ProviderKey}}), 200)
	// A read-only token reads but cannot write.
	ro := readOnlyToken(t, env, tn)
	status(t, as(t, env, ro, "GET", "/admin/api/services.json", nil), 200)
	for _, c := range []struct{ method, path string }{{"POST", "/admin/api/services.json"}, {"PUT", sp(tn.DefaultService, ".json")},
		{"DELETE", sp(tn.DefaultService, ".json")}} {
		r := as(t, env, ro, c.method, c.path, url.Values{"name": {"nope"}})
		status(t, r, 403)
		if string(r.Body) != `{"error":"Your access token does not have the correct permissions"}` {
			t.Fatalf("ro write body %s", r.Body)
		}
	}
}

func TestServiceDelete(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	id := newService(t, tn, url.Values{"name": {"Doomed"}, "system_name": {"doomed"}})
	expectDeleted(t, tn.Do(t, "DELETE", sp(id, ".json"), nil), "delete service")
	expectNotFound(t, tn.Do(t, "GET", sp(id, ".json"), nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", sp(id, ".xml"), nil), ".xml")
	expectNotFound(t, tn.Do(t, "PUT", sp(id, ".json"), url.Values{"name": {"back"}}), ".json")
	expectNotFound(t, tn.Do(t, "DELETE", sp(id, ".json"), nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", sp(id, "/metrics.json"), nil), ".json")
	list := items(t, tn.Do(t, "GET", "/admin/api/services.json", nil), "services", "service")
	if len(list) != 1 || testenv.ID(t, list[0]) != tn.DefaultService {
		t.Fatalf("a deleted service leaves the list: %v", ids(t, list))
	}
	// Its system name is free again.
	newService(t, tn, url.Values{"name": {"Doomed"}, "system_name": {"doomed"}})
	// The delete via XML answers an empty 200 too.
	x := newService(t, tn, nil)
	expectDeleted(t, tn.Do(t, "DELETE", sp(x, ".xml"), nil), "delete XML")

	// The default service cannot be deleted: 3scale's InvalidTransition answer.
	r := tn.Do(t, "DELETE", sp(tn.DefaultService, ".json"), nil)
	status(t, r, 422)
	var doc struct {
		Error struct {
			From, Event, Error string
			Object             map[string]jmap
		}
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Error.From != "incomplete" || doc.Error.Event != "mark_as_deleted" || doc.Error.Error != `State cannot transition via "mark_as_deleted"` ||
		testenv.ID(t, doc.Error.Object["service"]) != tn.DefaultService {
		t.Fatalf("InvalidTransition JSON: %s", r.Body)
	}
	r = tn.Do(t, "DELETE", sp(tn.DefaultService, ".xml"), nil)
	status(t, r, 422)
	e := xmlRoot(t, r, "error")
	if e.text("from") != "incomplete" || e.text("event") != "mark_as_deleted" || e.child("service") == nil {
		t.Fatalf("InvalidTransition XML: %s", r.Body)
	}
	// A deprecated service cannot be deleted either (no transition from there).
	dep := newService(t, tn, url.Values{"state_event": {"deprecate"}})
	status(t, tn.Do(t, "DELETE", sp(dep, ".json"), nil), 422)

	// The last remaining service cannot be deleted even when it is not the
	// default one. No API makes a tenant point nowhere (the default service
	// cannot be deleted), so this is fault injection: the tenant item is
	// changed directly, to prove the guard on live services holds on its own.
	lone := env.NewTenant(t)
	ctx := context.Background()
	err := env.Server.Deps.Store.Tx(0).Update(tenant.Key(lone.ID), store.NewChange().Set("default_service", int64(0)), nil).Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second := newService(t, lone, nil)
	expectDeleted(t, lone.Do(t, "DELETE", sp(lone.DefaultService, ".json"), nil), "delete first of two")
	r = lone.Do(t, "DELETE", sp(second, ".json"), nil)
	status(t, r, 422)
	if !strings.Contains(r.String(), `"event":"mark_as_deleted"`) {
		t.Fatalf("last service: %s", r.Body)
	}
	_ = store.ID
}
