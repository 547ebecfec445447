package e2e

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestMetricsCRUD(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	hits := tn.MetricID(t, svc, "hits")

	r := tn.Do(t, "POST", sp(svc, "/metrics.json"), url.Values{"friendly_name": {"Version 1"}, "unit": {"call"}})
	status(t, r, 201)
	m := obj(t, r, "metric")
	id := testenv.ID(t, m)
	for k, v := range (jmap{"name": "version_1", "system_name": "version_1", "friendly_name": "Version 1", "unit": "call"}) {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	for _, k := range []string{"description", "parent_id", "service_id"} {
		if _, ok := m[k]; ok {
			t.Errorf("%s must not be in %v", k, m)
		}
	}
	lk := links(t, m)
	if len(lk) != 2 || !strings.HasSuffix(text(t, lk[0], "href"), sp(svc, "")) ||
		!strings.HasSuffix(text(t, lk[1], "href"), sp(svc, "/metrics/"+testenv.S(id))) {
		t.Errorf("links %v", lk)
	}
	// Wrapped parameters, the deprecated name alias, an explicit system name.
	m2 := tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"metric[friendly_name]": {"Two"}, "metric[unit]": {"hit"},
		"metric[name]": {"v2"}, "metric[description]": {"second"}})
	if m2["system_name"] != "v2" || m2["description"] != "second" {
		t.Fatalf("alias: %v", m2)
	}
	m3 := tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Three"}, "unit": {"u"}, "system_name": {"three/x-y"}})
	if m3["system_name"] != "three/x-y" {
		t.Fatalf("explicit system name: %v", m3)
	}

	// XML create and read.
	r = tn.Do(t, "POST", sp(svc, "/metrics.xml"), url.Values{"friendly_name": {"Four"}, "unit": {"u"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "metric")
	if !reflect.DeepEqual(x.names(), []string{"id", "name", "system_name", "friendly_name", "service_id", "description", "unit"}) ||
		x.text("service_id") != testenv.S(svc) || x.text("system_name") != "four" {
		t.Fatalf("metric XML: %s", r.Body)
	}
	four := x.text("id")
	x = xmlRoot(t, tn.Do(t, "GET", sp(svc, "/metrics/"+four), nil), "metric")
	if x.text("friendly_name") != "Four" {
		t.Fatal("read XML")
	}
	got := obj(t, tn.Do(t, "GET", sp(svc, "/metrics/"+testenv.S(id)+".json"), nil), "metric")
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("read %v, created %v", got, m)
	}

	// Update: friendly_name, unit, description; the system name stays.
	r = tn.Do(t, "PUT", sp(svc, "/metrics/"+testenv.S(id)+".json"), url.Values{"metric[friendly_name]": {"Version One"},
		"unit": {"request"}, "description": {"d"}, "system_name": {"changed"}})
	status(t, r, 200)
	u := obj(t, r, "metric")
	if u["friendly_name"] != "Version One" || u["unit"] != "request" || u["description"] != "d" || u["system_name"] != "version_1" {
		t.Fatalf("update: %v", u)
	}
	// The old friendly name is free, the new one taken.
	tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Version 1"}, "unit": {"u"}, "system_name": {"again"}})
	fieldError(t, tn.Do(t, "POST", sp(svc, "/metrics.json"), url.Values{"friendly_name": {"Version One"}, "unit": {"u"}}), 422, "friendly_name", "has already been taken")
	r = tn.Do(t, "PUT", sp(svc, "/metrics/"+four+".xml"), url.Values{"unit": {"byte"}})
	if xmlRoot(t, r, "metric").text("unit") != "byte" {
		t.Fatal("update XML")
	}
	fieldError(t, tn.Do(t, "PUT", sp(svc, "/metrics/"+four+".json"), url.Values{"friendly_name": {"Two"}}), 422, "friendly_name", "has already been taken")
	fieldError(t, tn.Do(t, "PUT", sp(svc, "/metrics/"+four+".json"), url.Values{"unit": {""}}), 422, "unit", "can't be blank")

	// List: hits first, then in creation order; XML too.
	list := items(t, tn.Do(t, "GET", sp(svc, "/metrics.json"), nil), "metrics", "metric")
	if len(list) != 6 || testenv.ID(t, list[0]) != hits || testenv.ID(t, list[1]) != id {
		t.Fatalf("list %v", ids(t, list))
	}
	xl := xmlRoot(t, tn.Do(t, "GET", sp(svc, "/metrics.xml"), nil), "metrics")
	if len(xl.all("metric")) != 6 {
		t.Fatalf("XML list: %v", xl.names())
	}

	// Delete: the metric goes; hits cannot.
	expectDeleted(t, tn.Do(t, "DELETE", sp(svc, "/metrics/"+four+".xml"), nil), "delete XML")
	expectNotFound(t, tn.Do(t, "GET", sp(svc, "/metrics/"+four+".json"), nil), ".json")
	expectNotFound(t, tn.Do(t, "DELETE", sp(svc, "/metrics/"+four+".json"), nil), ".json")
	// Its names are free again.
	tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Four"}, "unit": {"u"}})
	r = tn.Do(t, "DELETE", sp(svc, "/metrics/"+testenv.S(hits)+".json"), nil)
	status(t, r, 403)
	if errs := fieldErrors(t, r); len(errs["base"]) != 1 {
		t.Fatalf("hits: %s", r.Body)
	}
	r = tn.Do(t, "DELETE", sp(svc, "/metrics/"+testenv.S(hits)+".xml"), nil)
	status(t, r, 403)
	xmlRoot(t, r, "errors")
	status(t, tn.Do(t, "GET", sp(svc, "/metrics/"+testenv.S(hits)+".json"), nil), 200)
}

func TestMetricValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	post := func(form url.Values) *testenv.Response { return tn.Do(t, "POST", sp(svc, "/metrics.json"), form) }
	fieldError(t, post(url.Values{"unit": {"u"}}), 422, "friendly_name", "can't be blank")
	fieldError(t, post(url.Values{"friendly_name": {"ok"}}), 422, "unit", "can't be blank")
	fieldError(t, post(url.Values{"friendly_name": {strings.Repeat("f", 256)}, "unit": {"u"}, "system_name": {"f"}}), 422, "friendly_name", "is too long (maximum is 255 characters)")
	fieldError(t, post(url.Values{"friendly_name": {"ok"}, "unit": {strings.Repeat("u", 256)}}), 422, "unit", "is too long (maximum is 255 characters)")
	fieldError(t, post(url.Values{"friendly_name": {"ok"}, "unit": {"u"}, "system_name": {"no spaces"}}), 422, "system_name", "is invalid")
	fieldError(t, post(url.Values{"friendly_name": {"Hits"}, "unit": {"u"}, "system_name": {"other"}}), 422, "friendly_name", "has already been taken")
	fieldError(t, post(url.Values{"friendly_name": {"Other"}, "unit": {"u"}, "system_name": {"hits"}}), 422, "system_name", "has already been taken")
	fieldError(t, post(url.Values{"friendly_name": {"ok"}, "unit[x]": {"u"}}), 422, "unit", "is invalid")
	fieldError(t, post(url.Values{"friendly_name": {"ok"}, "unit": {"u"}, "description": {strings.Repeat("d", 65536)}}), 422, "description", "is too long (maximum is 65535 characters)")
	errs := fieldErrors(t, post(url.Values{}))
	if len(errs["friendly_name"]) == 0 || len(errs["unit"]) == 0 {
		t.Fatalf("both errors: %v", errs)
	}
	r := tn.Do(t, "POST", sp(svc, "/metrics.xml"), url.Values{"friendly_name": {"ok"}})
	status(t, r, 422)
	if xmlRoot(t, r, "errors").text("error") != "Unit can't be blank" {
		t.Fatalf("XML error: %s", r.Body)
	}
	// Another service may reuse the names.
	other := newService(t, tn, nil)
	tn.Create(t, sp(other, "/metrics.json"), "metric", url.Values{"friendly_name": {"Same"}, "unit": {"u"}})
	tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Same"}, "unit": {"u"}})
	// Unknown service, unknown metric, a metric of another service.
	m := tn.Create(t, sp(other, "/metrics.json"), "metric", url.Values{"friendly_name": {"Mine"}, "unit": {"u"}})
	for _, p := range []string{"/admin/api/services/999999999/metrics.json", sp(svc, "/metrics/999999999.json"),
		sp(svc, "/metrics/"+testenv.S(testenv.ID(t, m))+".json"), sp(svc, "/metrics/x.json")} {
		expectNotFound(t, tn.Do(t, "GET", p, nil), p)
	}
	expectNotFound(t, tn.Do(t, "POST", "/admin/api/services/999999999/metrics.json", url.Values{"friendly_name": {"a"}, "unit": {"u"}}), ".json")
}

func TestMethodsCRUD(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	hits := tn.MetricID(t, svc, "hits")
	base := sp(svc, "/metrics/"+testenv.S(hits)+"/methods")

	r := tn.Do(t, "POST", base+".json", url.Values{"friendly_name": {"Test"}, "description": {"GET /test"}})
	status(t, r, 201)
	m := obj(t, r, "method")
	id := testenv.ID(t, m)
	if m["system_name"] != "test" || num(t, m, "parent_id") != hits || m["description"] != "GET /test" {
		t.Fatalf("method %v", m)
	}
	if _, ok := m["unit"]; ok {
		t.Fatalf("a method has no unit of its own: %v", m)
	}
	lk := links(t, m)
	if lk[0]["rel"] != "parent" || !strings.HasSuffix(text(t, lk[1], "href"), base+"/"+testenv.S(id)) {
		t.Fatalf("links %v", lk)
	}
	// XML.
	r = tn.Do(t, "POST", base+".xml", url.Values{"metric[friendly_name]": {"Other Call"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "method")
	if !reflect.DeepEqual(x.names(), []string{"id", "name", "system_name", "friendly_name", "service_id", "description", "metric_id"}) ||
		x.text("metric_id") != testenv.S(hits) {
		t.Fatalf("method XML: %s", r.Body)
	}
	other := x.text("id")

	// List, read, update.
	l := items(t, tn.Do(t, "GET", base+".json", nil), "methods", "method")
	if len(l) != 2 || testenv.ID(t, l[0]) != id {
		t.Fatalf("methods %v", ids(t, l))
	}
	xl := xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "methods")
	if len(xl.all("method")) != 2 {
		t.Fatalf("XML methods %v", xl.names())
	}
	if got := obj(t, tn.Do(t, "GET", base+"/"+testenv.S(id)+".json", nil), "method"); !reflect.DeepEqual(got, m) {
		t.Fatalf("read %v vs %v", got, m)
	}
	xmlRoot(t, tn.Do(t, "GET", base+"/"+other, nil), "method")
	r = tn.Do(t, "PUT", base+"/"+testenv.S(id)+".json", url.Values{"friendly_name": {"Test Call"}, "unit": {"ignored"}})
	if u := obj(t, r, "method"); u["friendly_name"] != "Test Call" || u["system_name"] != "test" {
		t.Fatalf("update method: %s", r.Body)
	}
	xmlRoot(t, tn.Do(t, "PUT", base+"/"+other+".xml", url.Values{"description": {"x"}}), "method")

	// Methods also appear among the metrics: in JSON as metrics with their
	// parent and its unit, in XML as <method>.
	ml := items(t, tn.Do(t, "GET", sp(svc, "/metrics.json"), nil), "metrics", "metric")
	if len(ml) != 3 || num(t, ml[1], "parent_id") != hits || ml[1]["unit"] != "hit" {
		t.Fatalf("metrics list with methods: %v", ml)
	}
	mx := xmlRoot(t, tn.Do(t, "GET", sp(svc, "/metrics.xml"), nil), "metrics")
	if len(mx.all("metric")) != 1 || len(mx.all("method")) != 2 {
		t.Fatalf("XML metrics list: %v", mx.names())
	}
	mm := obj(t, tn.Do(t, "GET", sp(svc, "/metrics/"+testenv.S(id)+".json"), nil), "metric")
	if num(t, mm, "parent_id") != hits || mm["unit"] != "hit" {
		t.Fatalf("method read as a metric: %v", mm)
	}

	// Methods live only under hits; names are unique across metrics and methods.
	v1 := tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"v1"}, "unit": {"u"}})
	v1Methods := sp(svc, "/metrics/"+testenv.S(testenv.ID(t, v1))+"/methods")
	fieldError(t, tn.Do(t, "POST", v1Methods+".json", url.Values{"friendly_name": {"nested"}}), 422, "parent_id", "Methods can only be created under the hits metric")
	if l := items(t, tn.Do(t, "GET", v1Methods+".json", nil), "methods", "method"); len(l) != 0 {
		t.Fatalf("v1 has no methods: %v", l)
	}
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"friendly_name": {"v1 again"}, "system_name": {"v1"}}), 422, "system_name", "has already been taken")
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"friendly_name": {""}}), 422, "friendly_name", "can't be blank")
	expectNotFound(t, tn.Do(t, "GET", v1Methods+"/"+testenv.S(id)+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", base+"/999999999.json", nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", sp(svc, "/metrics/999999999/methods.json"), nil), ".json")

	// Delete.
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+testenv.S(id)+".json", nil), "delete method")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+other+".xml", nil), "delete method XML")
	expectNotFound(t, tn.Do(t, "GET", base+"/"+testenv.S(id)+".json", nil), ".json")
	if l := items(t, tn.Do(t, "GET", base+".json", nil), "methods", "method"); len(l) != 0 {
		t.Fatalf("after delete %v", l)
	}
}
