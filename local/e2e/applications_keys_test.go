package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestApplicationKeys(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}})
	a := w.newApp(t, w.acc, w.plan, url.Values{"application_key": {"first-key"}})
	path := w.app(w.acc, testenv.ID(t, a))
	keys := items(t, send(t, w.tn, 200, "GET", path+"/keys.json", nil), "keys", "key")
	if len(keys) != 1 || keys[0]["value"] != "first-key" || keys[0]["created_at"] == nil {
		t.Fatalf("keys: %v", keys)
	}
	if l := links(t, keys[0])[0]; l["rel"] != "application" || !strings.HasSuffix(text(t, l, "href"), path) {
		t.Fatalf("key links: %v", keys[0])
	}
	// A random key, then a chosen one; each answers 201 with the application.
	created := send(t, w.tn, 201, "POST", path+"/keys.json", nil)
	obj(t, created, "application")
	r := w.do(t, "POST", path+"/keys.xml", url.Values{"key": {"my key.with.dots"}})
	if r.Status != 201 || !strings.Contains(r.String(), "<key>my key.with.dots</key></keys>") {
		t.Fatalf("POST keys.xml: %d %s", r.Status, r.Body)
	}
	keys = items(t, send(t, w.tn, 200, "GET", path+"/keys.json", nil), "keys", "key")
	if len(keys) != 3 || !hex32.MatchString(text(t, keys[1], "value")) {
		t.Fatalf("three keys, the second random: %v", keys)
	}
	r = w.do(t, "GET", path+"/keys.xml", nil)
	if r.Status != 200 || !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?><keys><key><value>first-key</value><updated_at>`) {
		t.Fatalf("keys.xml: %s", r.Body)
	}
	// Refusals.
	for _, c := range []struct {
		key, field string
	}{{"FIRST-KEY", "value"}, {"abc", "value"}, {strings.Repeat("k", 256), "value"}, {"tab\tkey", "value"}} {
		r := w.do(t, "POST", path+"/keys.json", url.Values{"key": {c.key}})
		if r.Status != 422 || fieldErrors(t, r)[c.field] == nil {
			t.Fatalf("key %q: %d %s", c.key, r.Status, r.Body)
		}
	}
	send(t, w.tn, 201, "POST", path+"/keys.json", url.Values{"key": {"fourth-key"}})
	send(t, w.tn, 201, "POST", path+"/keys.json", url.Values{"key": {"fifth-key"}})
	r = w.do(t, "POST", path+"/keys.json", url.Values{"key": {"sixth-key"}})
	if r.Status != 422 || firstError(t, r, "base") != "Limit reached" {
		t.Fatalf("sixth key: %d %s", r.Status, r.Body)
	}
	// authrep accepts each key, then not a deleted one.
	authrep := func(key string) *testenv.Response {
		return w.env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {w.tn.ProviderKey},
			"service_id": {testenv.S(w.svc)}, "app_id": {text(t, a, "application_id")}, "app_key": {key}})
	}
	if r := authrep("my key.with.dots"); r.Status != 200 {
		t.Fatalf("authrep with a key: %d %s", r.Status, r.Body)
	}
	// Deletion: the key is the last path segment; dots are part of it.
	r = w.do(t, "DELETE", path+"/keys/"+url.PathEscape("my key.with.dots")+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete key: %d %s", r.Status, r.Body)
	}
	if r := authrep("my key.with.dots"); r.Status != 409 || !strings.Contains(r.String(), "application_key") && !strings.Contains(r.String(), "is invalid") {
		t.Fatalf("authrep with a deleted key: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 404, "DELETE", path+"/keys/my%20key.with.dots.json", nil)
	send(t, w.tn, 200, "DELETE", path+"/keys/fifth-key", nil) // bare = XML
	keys = items(t, send(t, w.tn, 200, "GET", path+"/keys.json", nil), "keys", "key")
	if len(keys) != 3 {
		t.Fatalf("keys after two deletions: %v", keys)
	}
	send(t, w.tn, 404, "GET", w.app(w.acc, 999999999)+"/keys.json", nil)
}

func TestApplicationReferrerFilters(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}, "referrer_filters_required": {"true"}})
	a := w.newApp(t, w.acc, w.plan, nil)
	path := w.app(w.acc, testenv.ID(t, a))
	obj(t, send(t, w.tn, 201, "POST", path+"/referrer_filters.json", url.Values{"referrer_filter": {"*.example.com"}}), "application")
	r := w.do(t, "POST", path+"/referrer_filters.xml", url.Values{"referrer_filter": {"localhost"}})
	if r.Status != 201 || !strings.Contains(r.String(), "<referrer_filters><referrer_filter>*.example.com</referrer_filter><referrer_filter>localhost</referrer_filter></referrer_filters>") {
		t.Fatalf("POST referrer_filters.xml: %d %s", r.Status, r.Body)
	}
	filters := items(t, send(t, w.tn, 200, "GET", path+"/referrer_filters.json", nil), "referrer_filters", "referrer_filter")
	if len(filters) != 2 || filters[0]["value"] != "*.example.com" || filters[1]["value"] != "localhost" || filters[0]["id"] == nil {
		t.Fatalf("filters: %v", filters)
	}
	r = w.do(t, "GET", path+"/referrer_filters.xml", nil)
	if !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?><referrer_filters><referrer_filter><value>*.example.com</value><id>`) {
		t.Fatalf("referrer_filters.xml: %s", r.Body)
	}
	authrep := func(ref string) int {
		return w.env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {w.tn.ProviderKey},
			"service_id": {testenv.S(w.svc)}, "app_id": {text(t, a, "application_id")}, "referrer": {ref}}).Status
	}
	if authrep("api.example.com") != 200 || authrep("evil.com") != 409 {
		t.Fatal("authrep does not apply the referrer filters")
	}
	for _, bad := range []url.Values{{"referrer_filter": {"localhost"}}, {"referrer_filter": {""}}, {"referrer_filter": {"bad/filter"}},
		{"referrer_filter": {strings.Repeat("a", 256)}}, {}} {
		if r := w.do(t, "POST", path+"/referrer_filters.json", bad); r.Status != 422 || fieldErrors(t, r)["value"] == nil {
			t.Fatalf("filter %v: %d %s", bad, r.Status, r.Body)
		}
	}
	for _, f := range []string{"a.com", "b.com", "c.com"} {
		send(t, w.tn, 201, "POST", path+"/referrer_filters.json", url.Values{"referrer_filter": {f}})
	}
	r = w.do(t, "POST", path+"/referrer_filters.json", url.Values{"referrer_filter": {"d.com"}})
	if r.Status != 422 || fieldErrors(t, r)["base"] == nil {
		t.Fatalf("sixth filter: %d %s", r.Status, r.Body)
	}
	id := testenv.S(testenv.ID(t, filters[0]))
	r = w.do(t, "DELETE", path+"/referrer_filters/"+id+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete filter: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 404, "DELETE", path+"/referrer_filters/"+id+".json", nil)
	send(t, w.tn, 404, "DELETE", path+"/referrer_filters/abc.json", nil)
	if authrep("api.example.com") != 409 || authrep("localhost") != 200 {
		t.Fatal("a deleted filter still applies")
	}
	filters = items(t, send(t, w.tn, 200, "GET", path+"/referrer_filters.json", nil), "referrer_filters", "referrer_filter")
	if len(filters) != 4 || filters[0]["value"] != "localhost" {
		t.Fatalf("filters after deletion: %v", filters)
	}
}
