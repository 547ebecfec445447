package e2e

import (
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestPricingRules(t *testing.T) {
	t.Parallel()
	tn, svc, hits, plan := planOnHits(t, "paid")
	other := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"other"}, "unit": {"u"}}))
	base := pricingPath(plan, hits)

	r := tn.Do(t, "POST", base+".json", url.Values{"min": {"1"}, "max": {"100"}, "cost_per_unit": {"0.50"}})
	status(t, r, 201)
	p := obj(t, r, "pricing_rule")
	if p["cost_per_unit"] != "0.5" || num(t, p, "min") != 1 || num(t, p, "max") != 100 || num(t, p, "metric_id") != hits {
		t.Fatalf("rule %v", p)
	}
	if _, ok := p["plan_id"]; ok {
		t.Fatalf("plan_id is XML only: %v", p)
	}
	lk := links(t, p)
	if len(lk) != 3 || !strings.HasSuffix(text(t, lk[1], "href"), base+"/"+testenv.S(testenv.ID(t, p))) {
		t.Fatalf("links %v", lk)
	}
	// Unbounded max, wrapped parameters, whole costs.
	r = tn.Do(t, "POST", base+".json", url.Values{"pricing_rule[min]": {"101"}, "pricing_rule[cost_per_unit]": {"2"}})
	status(t, r, 201)
	open := obj(t, r, "pricing_rule")
	if _, ok := open["max"]; ok || open["cost_per_unit"] != "2.0" {
		t.Fatalf("open rule %v", open)
	}
	r = tn.Do(t, "POST", pricingPath(plan, other)+".xml", url.Values{"min": {"5"}, "max": {"6"}, "cost_per_unit": {"0.0001"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "pricing_rule")
	if !reflect.DeepEqual(x.names(), []string{"id", "metric_id", "plan_id", "cost_per_unit", "min", "max"}) ||
		x.text("cost_per_unit") != "0.0001" || x.text("plan_id") != testenv.S(plan) {
		t.Fatalf("rule XML %s", r.Body)
	}
	xid := x.text("id")

	// Validation.
	post := func(form url.Values) *testenv.Response { return tn.Do(t, "POST", base+".json", form) }
	fieldError(t, post(url.Values{"min": {"50"}, "max": {"150"}, "cost_per_unit": {"1"}}), 422, "min", "overlaps with another pricing rule of this metric")
	fieldError(t, post(url.Values{"min": {"500"}, "cost_per_unit": {"1"}}), 422, "min", "overlaps with another pricing rule of this metric")
	fieldError(t, post(url.Values{"cost_per_unit": {"1"}}), 422, "min", "is not a number")
	fieldError(t, post(url.Values{"min": {"0"}, "max": {"0"}}), 422, "min", "must be greater than or equal to 1")
	fieldError(t, post(url.Values{"min": {"x"}}), 422, "min", "is not a number")
	fieldError(t, pricingPost(t, tn, pricingPath(plan, other), url.Values{"min": {"10"}, "max": {"9"}}), 422, "max", "must be greater than or equal to min")
	fieldError(t, pricingPost(t, tn, pricingPath(plan, other), url.Values{"min": {"10"}, "cost_per_unit": {"abc"}}), 422, "cost_per_unit", "is not a number")
	fieldError(t, pricingPost(t, tn, pricingPath(plan, other), url.Values{"min": {"10"}, "cost_per_unit": {"0.12345"}}), 422, "cost_per_unit", "has more than 4 decimals")
	fieldError(t, pricingPost(t, tn, pricingPath(plan, other), url.Values{"min": {"10"}, "cost_per_unit": {"-1"}}), 422, "cost_per_unit", "is invalid")
	r = tn.Do(t, "POST", base+".xml", url.Values{"min": {"1"}})
	status(t, r, 422)
	if xmlRoot(t, r, "errors").text("error") != "Min overlaps with another pricing rule of this metric" {
		t.Fatalf("XML %s", r.Body)
	}
	// The same range on another plan is fine.
	plan2 := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"paid2"}}))
	tn.Create(t, pricingPath(plan2, hits)+".json", "pricing_rule", url.Values{"min": {"1"}, "max": {"100"}})

	// Lists.
	l := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/pricing_rules.json", nil), "pricing_rules", "pricing_rule")
	if len(l) != 3 {
		t.Fatalf("plan rules %v", l)
	}
	if n := len(xmlRoot(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/pricing_rules.xml", nil), "pricing_rules").all("pricing_rule")); n != 3 {
		t.Fatalf("XML plan rules %d", n)
	}
	if l := items(t, tn.Do(t, "GET", base+".json", nil), "pricing_rules", "pricing_rule"); len(l) != 2 {
		t.Fatalf("metric rules %v", l)
	}
	if n := len(xmlRoot(t, tn.Do(t, "GET", pricingPath(plan, other), nil), "pricing_rules").all("pricing_rule")); n != 1 {
		t.Fatalf("XML metric rules %d", n)
	}

	// Delete.
	pid := testenv.S(testenv.ID(t, p))
	expectNotFound(t, tn.Do(t, "DELETE", pricingPath(plan, other)+"/"+pid+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "DELETE", pricingPath(plan2, hits)+"/"+pid+".json", nil), ".json")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+pid+".json", nil), "delete rule")
	expectDeleted(t, tn.Do(t, "DELETE", pricingPath(plan, other)+"/"+xid+".xml", nil), "delete rule XML")
	expectNotFound(t, tn.Do(t, "DELETE", base+"/"+pid+".json", nil), ".json")
	// The range is free again.
	tn.Create(t, base+".json", "pricing_rule", url.Values{"min": {"1"}, "max": {"100"}})
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/application_plans/999999999/pricing_rules.json", nil), ".json")
	expectNotFound(t, tn.Do(t, "POST", pricingPath(plan, 999999999)+".json", url.Values{"min": {"1"}}), ".json")
}

func pricingPost(t testing.TB, tn *testenv.Tenant, path string, form url.Values) *testenv.Response {
	t.Helper()
	return tn.Do(t, "POST", path+".json", form)
}

// Concurrent overlapping creates: exactly one wins.
func TestPricingRulesRaceExactlyOneWins(t *testing.T) {
	t.Parallel()
	tn, _, hits, plan := planOnHits(t, "race")
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := tn.Do(t, "POST", pricingPath(plan, hits)+".json", url.Values{"min": {"1"}, "max": {"10"}, "cost_per_unit": {"1"}})
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[201] != 1 || codes[201]+codes[422]+codes[409] != 8 {
		t.Fatalf("want exactly one 201: %v", codes)
	}
	if l := items(t, tn.Do(t, "GET", pricingPath(plan, hits)+".json", nil), "pricing_rules", "pricing_rule"); len(l) != 1 {
		t.Fatalf("rules %v", l)
	}
}
