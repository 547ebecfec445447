package e2e

import (
	"net/url"
	"reflect"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// metadata reads the pagination metadata of a JSON list (nil when absent).
func metadata(t testing.TB, r *testenv.Response) map[string]float64 {
	t.Helper()
	m, ok := r.JSON(t)["metadata"].(map[string]any)
	if !ok {
		return nil
	}
	out := map[string]float64{}
	for k, v := range m {
		f, ok := v.(float64)
		if !ok {
			t.Fatalf("metadata %q is not a number: %s", k, r.Body)
		}
		out[k] = f
	}
	return out
}

func meta(perPage, total, pages, current float64) map[string]float64 {
	return map[string]float64{"per_page": perPage, "total_entries": total, "total_pages": pages, "current_page": current}
}

// 501 seeded metrics and plans plus hits: the edges of 3scale's pagination.
func TestPaginationEdges(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	seeded, _ := tn.SeedCatalog(t, svc, 501)
	hits := tn.MetricID(t, svc, "hits")
	path := sp(svc, "/metrics.json")
	get := func(q url.Values) *testenv.Response {
		r := tn.Do(t, "GET", path, q)
		status(t, r, 200)
		return r
	}
	cases := []struct {
		q     url.Values
		count int
		meta  map[string]float64
	}{
		{nil, 500, meta(500, 502, 2, 1)},
		{url.Values{"page": {"2"}}, 2, meta(500, 502, 2, 2)},
		{url.Values{"page": {"3"}}, 0, meta(500, 502, 2, 3)},
		{url.Values{"page": {"1000000"}}, 0, meta(500, 502, 2, 1000000)},
		{url.Values{"per_page": {"500"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"per_page": {"501"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"per_page": {"0"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"per_page": {"-3"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"per_page": {"lots"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"per_page": {"1"}}, 1, meta(1, 502, 502, 1)},
		{url.Values{"per_page": {"1"}, "page": {"502"}}, 1, meta(1, 502, 502, 502)},
		{url.Values{"per_page": {"1"}, "page": {"503"}}, 0, meta(1, 502, 502, 503)},
		{url.Values{"page": {"0"}}, 500, meta(500, 502, 2, 1)},
		{url.Values{"page": {"x"}, "per_page": {"250"}}, 250, meta(250, 502, 3, 1)},
	}
	for _, c := range cases {
		r := get(c.q)
		if n := len(items(t, r, "metrics", "metric")); n != c.count {
			t.Errorf("%s: %d items, want %d", c.q.Encode(), n, c.count)
		}
		if got := metadata(t, r); !reflect.DeepEqual(got, c.meta) {
			t.Errorf("%s: metadata %v, want %v", c.q.Encode(), got, c.meta)
		}
	}
	// Pages follow each other in id order, without gaps or repeats.
	var all []int64
	for page := 1; ; page++ {
		l := items(t, get(url.Values{"per_page": {"100"}, "page": {testenv.S(int64(page))}}), "metrics", "metric")
		if len(l) == 0 {
			break
		}
		all = append(all, ids(t, l)...)
	}
	want := append([]int64{hits}, seeded...)
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("walk: %d ids, want %d in order", len(all), len(want))
	}
	// XML: pagination as attributes of the root, also on an empty page.
	for _, c := range []struct{ page, count int }{{1, 500}, {3, 0}} {
		r := tn.Do(t, "GET", sp(svc, "/metrics.xml"), url.Values{"page": {testenv.S(int64(c.page))}})
		x := xmlRoot(t, r, "metrics")
		if want := map[string]string{"per_page": "500", "total_entries": "502", "total_pages": "2", "current_page": testenv.S(int64(c.page))}; !reflect.DeepEqual(x.Attrs, want) {
			t.Fatalf("XML page %d attributes %v", c.page, x.Attrs)
		}
		if len(x.Kids) != c.count {
			t.Fatalf("XML page %d: %d items", c.page, len(x.Kids))
		}
	}
	// A collection on one page has no metadata, in either format.
	small := tn.Do(t, "GET", "/admin/api/services.json", nil)
	if metadata(t, small) != nil {
		t.Fatalf("metadata on a single page: %s", small.Body)
	}
	if x := xmlRoot(t, tn.Do(t, "GET", "/admin/api/services.xml", nil), "services"); len(x.Attrs) != 0 {
		t.Fatalf("XML attributes on a single page: %v", x.Attrs)
	}
	// A per_page equal to the total shows one page without metadata.
	if r := get(url.Values{"per_page": {"502"}}); metadata(t, r) == nil {
		t.Fatal("per_page above 500 falls back to 500, so 502 items span two pages")
	}
	if r := tn.Do(t, "GET", "/admin/api/services.json", url.Values{"per_page": {"2"}}); metadata(t, r) != nil {
		t.Fatalf("two services on a page of two: %s", r.Body)
	}

	// Plans: per service and across services.
	for _, p := range []string{sp(svc, "/application_plans.json"), "/admin/api/application_plans.json"} {
		r := tn.Do(t, "GET", p, url.Values{"page": {"2"}})
		if n := len(items(t, r, "plans", "application_plan")); n != 1 {
			t.Fatalf("%s page 2: %d", p, n)
		}
		if got := metadata(t, r); !reflect.DeepEqual(got, meta(500, 501, 2, 2)) {
			t.Fatalf("%s metadata %v", p, got)
		}
	}
}

// Every list endpoint paginates: two items, one per page.
func TestEveryListPaginates(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	hits := tn.MetricID(t, svc, "hits")
	methods := sp(svc, "/metrics/"+testenv.S(hits)+"/methods.json")
	tn.Create(t, methods, "method", url.Values{"friendly_name": {"m1"}})
	tn.Create(t, methods, "method", url.Values{"friendly_name": {"m2"}})
	plan := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"p1"}}))
	tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"p2"}})
	tn.Create(t, sp(svc, "/service_plans.json"), "service_plan", url.Values{"name": {"sp2"}})
	acc := testenv.ID(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"a1"}}))
	tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"a2"}})
	for _, period := range []string{"day", "hour"} {
		tn.Create(t, limitsPath(plan, hits)+".json", "limit", url.Values{"period": {period}, "value": {"1"}})
	}
	for _, r := range [][2]string{{"1", "10"}, {"11", ""}} {
		tn.Create(t, pricingPath(plan, hits)+".json", "pricing_rule", url.Values{"min": {r[0]}, "max": {r[1]}, "cost_per_unit": {"1"}})
	}
	var accFeats []string
	for _, n := range []string{"f1", "f2"} {
		accFeats = append(accFeats, testenv.S(testenv.ID(t, tn.Create(t, "/admin/api/features.json", "feature", url.Values{"name": {n}}))))
		tn.Create(t, sp(svc, "/features.json"), "feature", url.Values{"name": {n}})
	}
	for _, f := range accFeats {
		tn.Create(t, "/admin/api/account_plans/"+testenv.S(acc)+"/features.json", "feature", url.Values{"feature_id": {f}})
	}
	ap := "/admin/api/application_plans/" + testenv.S(plan)
	for _, l := range []struct{ path, name, wrapper string }{
		{"/admin/api/services.json", "services", "service"}, // the default service and svc
		{methods, "methods", "method"},
		{sp(svc, "/application_plans.json"), "plans", "application_plan"},
		{sp(svc, "/service_plans.json"), "plans", "service_plan"},
		{"/admin/api/account_plans.json", "plans", "account_plan"},
		{ap + "/limits.json", "limits", "limit"},
		{limitsPath(plan, hits) + ".json", "limits", "limit"},
		{ap + "/pricing_rules.json", "pricing_rules", "pricing_rule"},
		{pricingPath(plan, hits) + ".json", "pricing_rules", "pricing_rule"},
		{"/admin/api/features.json", "features", "feature"},
		{sp(svc, "/features.json"), "features", "feature"},
		{"/admin/api/account_plans/" + testenv.S(acc) + "/features.json", "features", "feature"},
	} {
		first := items(t, tn.Do(t, "GET", l.path, url.Values{"per_page": {"1"}}), l.name, l.wrapper)
		r := tn.Do(t, "GET", l.path, url.Values{"per_page": {"1"}, "page": {"2"}})
		second := items(t, r, l.name, l.wrapper)
		if len(first) != 1 || len(second) != 1 || testenv.ID(t, first[0]) >= testenv.ID(t, second[0]) {
			t.Errorf("%s: pages %v %v", l.path, ids(t, first), ids(t, second))
		}
		if got := metadata(t, r); !reflect.DeepEqual(got, meta(1, 2, 2, 2)) {
			t.Errorf("%s: metadata %v", l.path, got)
		}
		if n := len(items(t, tn.Do(t, "GET", l.path, url.Values{"per_page": {"1"}, "page": {"3"}}), l.name, l.wrapper)); n != 0 {
			t.Errorf("%s: page past the end has %d", l.path, n)
		}
	}
	// Metrics hold the methods too: hits, m1, m2.
	r := tn.Do(t, "GET", sp(svc, "/metrics.json"), url.Values{"per_page": {"2"}, "page": {"2"}})
	if l := items(t, r, "metrics", "metric"); len(l) != 1 || !reflect.DeepEqual(metadata(t, r), meta(2, 3, 2, 2)) {
		t.Errorf("metrics page 2: %s", r.Body)
	}
	// The tenant-wide plan lists hold the default service's plans too.
	for _, l := range []struct{ path, wrapper string }{{"/admin/api/application_plans.json", "application_plan"}, {"/admin/api/service_plans.json", "service_plan"}} {
		r := tn.Do(t, "GET", l.path, url.Values{"per_page": {"1"}})
		if m := metadata(t, r); m == nil || m["total_entries"] < 2 {
			t.Errorf("%s: metadata %v", l.path, m)
		}
	}
}
