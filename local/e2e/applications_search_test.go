package e2e

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// searchWorld: service A (user_key) with plans a1 and a2 (approval required),
// service B (app_id) with plan b1, two accounts, six applications.
type searchWorld struct {
	*appsWorld
	svcB, a2, b1, acc2 int64
	apps               []map[string]any // in creation (= id) order
}

func newSearchWorld(t *testing.T) *searchWorld {
	w := &searchWorld{appsWorld: newAppsWorld(t, nil)}
	w.a2 = w.appPlan(t, w.svc, url.Values{"approval_required": {"true"}})
	w.svcB = w.service(t, url.Values{"backend_version": {"2"}})
	w.b1 = w.appPlan(t, w.svcB, nil)
	w.acc2 = w.developer(t)
	for _, c := range []struct {
		acc, plan int64
		name      string
	}{{w.acc, w.plan, "alpha mobile"}, {w.acc, w.a2, "beta web"}, {w.acc, w.b1, "gamma mobile"},
		{w.acc2, w.plan, "delta"}, {w.acc2, w.a2, "epsilon mobile"}, {w.acc2, w.b1, "zeta"}} {
		w.apps = append(w.apps, w.newApp(t, c.acc, c.plan, url.Values{"name": {c.name}}))
	}
	// alpha suspended; beta and epsilon are pending (approval plan).
	send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, w.apps[0]))+"/suspend.json", nil)
	return w
}

// list runs GET /admin/api/applications.json and returns the indexes (into w.apps) of the answer.
func (w *searchWorld) list(t *testing.T, form url.Values) []int {
	t.Helper()
	got := ids(t, items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", form), "applications", "application"))
	var out []int
	for _, id := range got {
		i := slices.IndexFunc(w.apps, func(a map[string]any) bool { return testenv.ID(t, a) == id })
		if i < 0 {
			t.Fatalf("unknown application %d in the answer", id)
		}
		out = append(out, i)
	}
	return out
}

func TestListApplicationsFilters(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	s := testenv.S
	cases := []struct {
		form url.Values
		want []int
	}{
		{nil, []int{0, 1, 2, 3, 4, 5}},
		{url.Values{"service_id": {s(w.svc)}}, []int{0, 1, 3, 4}},
		{url.Values{"service_id": {s(w.svcB)}}, []int{2, 5}},
		{url.Values{"plan_id": {s(w.a2)}}, []int{1, 4}},
		{url.Values{"state": {"pending"}}, []int{1, 4}},
		{url.Values{"state": {"suspended"}}, []int{0}},
		{url.Values{"state": {"live"}}, []int{2, 3, 5}},
		{url.Values{"account": {s(w.acc2)}}, []int{3, 4, 5}},
		{url.Values{"account_id": {s(w.acc2)}}, []int{3, 4, 5}},
		{url.Values{"service_id": {s(w.svc)}, "state": {"live"}}, []int{3}},
		{url.Values{"plan_id": {s(w.plan)}, "state": {"suspended"}}, []int{0}},
		{url.Values{"account": {s(w.acc)}, "state": {"live"}}, []int{2}},
		{url.Values{"account": {s(w.acc)}, "service_id": {s(w.svcB)}}, []int{2}},
		{url.Values{"state": {"pending"}, "account": {s(w.acc2)}, "plan_id": {s(w.a2)}, "service_id": {s(w.svc)}}, []int{4}},
		{url.Values{"name": {"mobile"}}, []int{0, 2, 4}},
		{url.Values{"name": {"mobile"}, "state": {"pending"}}, []int{4}},
		{url.Values{"search[state]": {"pending"}, "search[account]": {s(w.acc)}}, []int{1}},
		{url.Values{"user_key": {text(t, w.apps[3], "user_key")}}, []int{3}},
		{url.Values{"name": {"user_key: " + text(t, w.apps[3], "user_key")}}, []int{3}},
		{url.Values{"user_key": {text(t, w.apps[3], "user_key")}, "state": {"pending"}}, nil},
		{url.Values{"user_key": {"no-such-key"}}, nil},
		{url.Values{"state": {"archived"}}, nil},
		{url.Values{"service_id": {"abc"}}, nil},
		{url.Values{"plan_id": {"999999999"}}, nil},
		{url.Values{"active_since": {"2020-01-01"}}, nil},
		{url.Values{"inactive_since": {"2020-01-01"}}, nil},
	}
	for _, c := range cases {
		if got := w.list(t, c.form); !slices.Equal(got, c.want) {
			t.Fatalf("filter %v: got %v, want %v", c.form, got, c.want)
		}
	}
	for _, p := range []string{"plan_type", "account_query"} {
		r := w.do(t, "GET", "/admin/api/applications.json", url.Values{p: {"x"}})
		if r.Status != 422 || fieldErrors(t, r)[p] == nil {
			t.Fatalf("%s: %d %s", p, r.Status, r.Body)
		}
	}
	// A filtered answer reflects a change at once.
	send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, w.apps[1]))+"/accept.json", nil)
	if got := w.list(t, url.Values{"state": {"pending"}}); !slices.Equal(got, []int{4}) {
		t.Fatalf("pending after accepting one: %v", got)
	}
	send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, w.apps[1]))+"/change_plan.json", url.Values{"plan_id": {s(w.plan)}})
	if got := w.list(t, url.Values{"plan_id": {s(w.plan)}}); !slices.Equal(got, []int{0, 1, 3}) {
		t.Fatalf("plan after change_plan: %v", got)
	}
	send(t, w.tn, 200, "DELETE", w.app(w.acc2, testenv.ID(t, w.apps[3]))+".json", nil)
	if got := w.list(t, url.Values{"plan_id": {s(w.plan)}}); !slices.Equal(got, []int{0, 1}) {
		t.Fatalf("plan after a deletion: %v", got)
	}
	w.assertCounters(t)
	// The totals reported (kept by counters for single filters) agree with the lists.
	for _, form := range []url.Values{nil, {"state": {"live"}}, {"state": {"pending"}}, {"state": {"suspended"}},
		{"plan_id": {s(w.plan)}}, {"plan_id": {s(w.a2)}}, {"plan_id": {s(w.b1)}}, {"service_id": {s(w.svc)}}, {"service_id": {s(w.svcB)}}} {
		n := len(w.list(t, form))
		paged := url.Values{"per_page": {"1"}}
		for k, v := range form {
			paged[k] = v
		}
		r := send(t, w.tn, 200, "GET", "/admin/api/applications.json", paged)
		total := len(items(t, r, "applications", "application"))
		if _, paginated := r.JSON(t)["metadata"]; paginated {
			total = int(num(t, obj(t, r, "metadata"), "total_entries"))
		}
		if total != n {
			t.Fatalf("filter %v: total %d, list of %d", form, total, n)
		}
	}
	// XML.
	r := w.do(t, "GET", "/admin/api/applications.xml", url.Values{"state": {"pending"}})
	if r.Status != 200 || !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?><applications><application><id>`+s(testenv.ID(t, w.apps[4]))+"</id>") {
		t.Fatalf("XML: %d %s", r.Status, r.Body)
	}
}

func TestListApplicationsPagination(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	page := func(form url.Values) ([]int, map[string]any) {
		t.Helper()
		meta, _ := send(t, w.tn, 200, "GET", "/admin/api/applications.json", form).JSON(t)["metadata"].(map[string]any)
		return w.list(t, form), meta
	}
	got, meta := page(url.Values{"per_page": {"4"}})
	if !slices.Equal(got, []int{0, 1, 2, 3}) || fmt.Sprint(meta) != "map[current_page:1 per_page:4 total_entries:6 total_pages:2]" {
		t.Fatalf("page 1: %v %v", got, meta)
	}
	got, meta = page(url.Values{"per_page": {"4"}, "page": {"2"}})
	if !slices.Equal(got, []int{4, 5}) || meta["current_page"] != 2.0 {
		t.Fatalf("page 2: %v %v", got, meta)
	}
	if got, _ := page(url.Values{"per_page": {"4"}, "page": {"3"}}); len(got) != 0 {
		t.Fatalf("page 3: %v", got)
	}
	got, meta = page(url.Values{"per_page": {"1"}, "page": {"2"}, "service_id": {testenv.S(w.svcB)}})
	if !slices.Equal(got, []int{5}) || meta["total_entries"] != 2.0 {
		t.Fatalf("filtered page: %v %v", got, meta)
	}
	got, meta = page(url.Values{"per_page": {"1"}, "page": {"2"}, "state": {"pending"}})
	if !slices.Equal(got, []int{4}) || meta["total_entries"] != 2.0 {
		t.Fatalf("page of a state: %v %v", got, meta)
	}
	// Out of range or not numbers: the defaults (page 1, 500 per page), so one page and no metadata.
	for _, form := range []url.Values{{"per_page": {"0"}}, {"per_page": {"501"}}, {"per_page": {"x"}, "page": {"y"}}, {"page": {"-1"}}} {
		got, meta := page(form)
		if len(got) != 6 || meta != nil {
			t.Fatalf("%v: %v %v", form, got, meta)
		}
	}
	r := w.do(t, "GET", "/admin/api/applications.xml", url.Values{"per_page": {"4"}, "page": {"2"}})
	if !strings.Contains(r.String(), `<applications per_page="4" total_entries="6" total_pages="2" current_page="2">`) {
		t.Fatalf("XML metadata: %s", r.Body)
	}
}

func TestFindApplication(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	v1, v2 := w.apps[3], w.apps[5] // delta (user_key service), zeta (app_id service), both of acc2
	find := func(want int, form url.Values) map[string]any {
		t.Helper()
		m := send(t, w.tn, want, "GET", "/admin/api/applications/find.json", form)
		if want != 200 {
			return nil
		}
		return obj(t, m, "application")
	}
	if a := find(200, url.Values{"user_key": {text(t, v1, "user_key")}}); testenv.ID(t, a) != testenv.ID(t, v1) || num(t, a, "account_id") != w.acc2 {
		t.Fatalf("by user_key: %v", a)
	}
	appID := text(t, v2, "application_id")
	for _, p := range []string{"app_id", "client_id"} {
		if a := find(200, url.Values{p: {appID}}); testenv.ID(t, a) != testenv.ID(t, v2) {
			t.Fatalf("by %s: %v", p, a)
		}
	}
	for _, p := range []string{"application_id", "id"} {
		if a := find(200, url.Values{p: {testenv.S(testenv.ID(t, v2))}}); testenv.ID(t, a) != testenv.ID(t, v2) {
			t.Fatalf("by %s: %v", p, a)
		}
	}
	find(200, url.Values{"app_id": {appID}, "service_id": {testenv.S(w.svcB)}})
	find(404, url.Values{"app_id": {appID}, "service_id": {testenv.S(w.svc)}})
	// A user_key identifies applications of user_key services only; app_id the others.
	// (Each application has both credentials; the API shows only the one its service uses.)
	find(404, url.Values{"app_id": {w.stored(t, testenv.ID(t, v1)).AppID}})
	find(404, url.Values{"user_key": {w.stored(t, testenv.ID(t, v2)).UserKey}})
	find(404, nil)
	find(404, url.Values{"user_key": {"nope"}})
	find(404, url.Values{"application_id": {"abc"}})
	r := w.do(t, "GET", "/admin/api/applications/find.xml", url.Values{"app_id": {appID}})
	if r.Status != 200 || !strings.Contains(r.String(), "<user_account_id>"+testenv.S(w.acc2)+"</user_account_id>") {
		t.Fatalf("find.xml: %d %s", r.Status, r.Body)
	}
	if r := w.do(t, "GET", "/admin/api/applications/find.xml", url.Values{"app_id": {"nope"}}); r.Status != 404 || len(r.Body) != 0 {
		t.Fatalf("XML not found: %d %q", r.Status, r.Body)
	}
	// Within an account.
	acc2 := "/admin/api/accounts/" + testenv.S(w.acc2) + "/applications/find.json"
	send(t, w.tn, 200, "GET", acc2, url.Values{"user_key": {text(t, v1, "user_key")}})
	send(t, w.tn, 404, "GET", "/admin/api/accounts/"+testenv.S(w.acc)+"/applications/find.json", url.Values{"user_key": {text(t, v1, "user_key")}})
	send(t, w.tn, 404, "GET", "/admin/api/accounts/999999999/applications/find.json", url.Values{"user_key": {text(t, v1, "user_key")}})
}
