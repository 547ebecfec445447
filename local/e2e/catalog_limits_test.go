package e2e

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/catalog"
)

// limitsPath is a plan's limits on a metric.
func limitsPath(plan, metric int64) string {
	return "/admin/api/application_plans/" + testenv.S(plan) + "/metrics/" + testenv.S(metric) + "/limits"
}

func TestLimitsCRUD(t *testing.T) {
	t.Parallel()
	tn, svc, hits, plan := planOnHits(t, "pp")
	other := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"other"}, "unit": {"u"}}))
	base := limitsPath(plan, hits)

	r := tn.Do(t, "POST", base+".json", url.Values{"period": {"day"}, "value": {"100"}})
	status(t, r, 201)
	l := obj(t, r, "limit")
	day := testenv.S(testenv.ID(t, l))
	if l["period"] != "day" || num(t, l, "value") != 100 || num(t, l, "metric_id") != hits || num(t, l, "plan_id") != plan {
		t.Fatalf("limit %v", l)
	}
	if !strings.Contains(r.String(), `{"limit":{"id":`+day+`,"period":"day","value":100,"metric_id":`) {
		t.Fatalf("JSON order: %s", r.Body)
	}
	lk := links(t, l)
	if !strings.HasSuffix(text(t, lk[0], "href"), sp(svc, "/metrics/"+testenv.S(hits))) ||
		!strings.HasSuffix(text(t, lk[1], "href"), base+"/"+day) ||
		!strings.HasSuffix(text(t, lk[2], "href"), "/admin/api/application_plans/"+testenv.S(plan)) {
		t.Fatalf("links %v", lk)
	}
	// Wrapped parameters; negative and blank values are stored as 0.
	for period, value := range map[string]string{"hour": "-5", "minute": ""} {
		r = tn.Do(t, "POST", base+".json", url.Values{"usage_limit[period]": {period}, "usage_limit[value]": {value}})
		status(t, r, 201)
		if got := obj(t, r, "limit"); num(t, got, "value") != 0 {
			t.Fatalf("%s value %v", period, got)
		}
	}
	r = tn.Do(t, "POST", base+".xml", url.Values{"period": {"month"}, "value": {"7"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "limit")
	if !reflect.DeepEqual(x.names(), []string{"id", "metric_id", "plan_id", "period", "value"}) || x.text("value") != "7" {
		t.Fatalf("limit XML %s", r.Body)
	}
	month := x.text("id")
	tn.Create(t, limitsPath(plan, other)+".json", "limit", url.Values{"period": {"day"}, "value": {"1"}})

	// Validation.
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"period": {"day"}, "value": {"5"}}), 422, "period", "has already been taken")
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"period": {"fortnight"}}), 422, "period", "is invalid")
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"value": {"5"}}), 422, "period", "is invalid")
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"period": {"year"}, "value": {"many"}}), 422, "value", "is not a number")
	r = tn.Do(t, "POST", base+".xml", url.Values{"period": {"day"}})
	status(t, r, 422)
	if xmlRoot(t, r, "errors").text("error") != "Period has already been taken" {
		t.Fatalf("XML error %s", r.Body)
	}

	// Lists: per plan (every metric) and per metric.
	all := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/limits.json", nil), "limits", "limit")
	if len(all) != 5 {
		t.Fatalf("plan limits %v", all)
	}
	xl := xmlRoot(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/limits.xml", nil), "limits")
	if len(xl.all("limit")) != 5 {
		t.Fatalf("XML plan limits %v", xl.names())
	}
	ml := items(t, tn.Do(t, "GET", base+".json", nil), "limits", "limit")
	if len(ml) != 4 {
		t.Fatalf("metric limits %v", ml)
	}
	if len(xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "limits").all("limit")) != 4 {
		t.Fatal("XML metric limits")
	}
	if l := items(t, tn.Do(t, "GET", limitsPath(plan, other)+".json", nil), "limits", "limit"); len(l) != 1 {
		t.Fatalf("other metric limits %v", l)
	}

	// Read, update.
	if got := obj(t, tn.Do(t, "GET", base+"/"+day+".json", nil), "limit"); !reflect.DeepEqual(got, l) {
		t.Fatalf("read %v vs %v", got, l)
	}
	xmlRoot(t, tn.Do(t, "GET", base+"/"+month, nil), "limit")
	u := obj(t, tn.Do(t, "PUT", base+"/"+day+".json", url.Values{"usage_limit[value]": {"50"}}), "limit")
	if num(t, u, "value") != 50 || u["period"] != "day" {
		t.Fatalf("update %v", u)
	}
	fieldError(t, tn.Do(t, "PUT", base+"/"+day+".json", url.Values{"period": {"month"}}), 422, "period", "has already been taken")
	fieldError(t, tn.Do(t, "PUT", base+"/"+day+".json", url.Values{"period": {"decade"}}), 422, "period", "is invalid")
	u = obj(t, tn.Do(t, "PUT", base+"/"+day+".json", url.Values{"period": {"week"}, "value": {"-1"}}), "limit")
	if u["period"] != "week" || num(t, u, "value") != 0 {
		t.Fatalf("update period %v", u)
	}
	// The old period is free again.
	tn.Create(t, base+".json", "limit", url.Values{"period": {"day"}, "value": {"3"}})
	if x := xmlRoot(t, tn.Do(t, "PUT", base+"/"+month+".xml", url.Values{"value": {"8"}}), "limit"); x.text("value") != "8" {
		t.Fatal("update XML")
	}

	// Not found: another metric's path, another plan, unknown ids.
	for _, p := range []string{limitsPath(plan, other) + "/" + day + ".json", limitsPath(plan, 999999999) + "/" + day + ".json",
		limitsPath(999999999, hits) + "/" + day + ".json", base + "/999999999.json", base + "/x.json",
		"/admin/api/application_plans/999999999/limits.json", "/admin/api/application_plans/" + testenv.S(hits) + "/limits.json"} {
		expectNotFound(t, tn.Do(t, "GET", p, nil), p)
	}
	otherPlan := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"qq"}}))
	expectNotFound(t, tn.Do(t, "GET", limitsPath(otherPlan, hits)+"/"+day+".json", nil), ".json")
	// A metric of another service cannot be limited on this plan.
	foreign := tn.MetricID(t, tn.DefaultService, "hits")
	expectNotFound(t, tn.Do(t, "POST", limitsPath(plan, foreign)+".json", url.Values{"period": {"day"}}), ".json")

	// Delete.
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+day+".json", nil), "delete limit")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+month+".xml", nil), "delete limit XML")
	expectNotFound(t, tn.Do(t, "GET", base+"/"+day+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "DELETE", base+"/"+day+".json", nil), ".json")
	tn.Create(t, base+".json", "limit", url.Values{"period": {"month"}, "value": {"1"}})
}

// A limit change applies to the very next authrep.
func TestLimitChangeAppliesAtOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 5})
	authrep := func() *testenv.Response {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[hits]": {"1"}})
	}
	status(t, authrep(), 200)
	status(t, authrep(), 200)
	limits := items(t, tn.Do(t, "GET", limitsPath(app.Plan, app.Hits)+".json", nil), "limits", "limit")
	one := limitsPath(app.Plan, app.Hits) + "/" + testenv.S(testenv.ID(t, limits[0])) + ".json"
	status(t, tn.Do(t, "PUT", one, url.Values{"value": {"2"}}), 200)
	status(t, authrep(), 409)
	status(t, tn.Do(t, "PUT", one, url.Values{"value": {"10"}}), 200)
	r := authrep()
	status(t, r, 200)
	if !strings.Contains(r.String(), "<max_value>10</max_value><current_value>3</current_value>") {
		t.Fatalf("report %s", r.Body)
	}
	status(t, tn.Do(t, "PUT", one, url.Values{"period": {"minute"}, "value": {"0"}}), 200)
	status(t, authrep(), 409)
	expectDeleted(t, tn.Do(t, "DELETE", one, nil), "remove the limit")
	r = authrep()
	status(t, r, 200)
	if strings.Contains(r.String(), "<usage_report") {
		t.Fatalf("no limits, no report: %s", r.Body)
	}
}

// Deleting a metric deletes its limits and pricing rules on every plan,
// also when they do not fit in one transaction.
func TestDeleteMetricRemovesItsRules(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	metric := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Doomed"}, "unit": {"u"}}))
	keep := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Kept"}, "unit": {"u"}}))
	var plans []int64
	for i := 0; i < 40; i++ {
		p := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"p" + strconv.Itoa(i)}}))
		plans = append(plans, p)
		tn.Create(t, limitsPath(p, metric)+".json", "limit", url.Values{"period": {"day"}, "value": {"1"}})
		tn.Create(t, pricingPath(p, metric)+".json", "pricing_rule", url.Values{"min": {"1"}, "max": {"10"}, "cost_per_unit": {"0.5"}})
	}
	tn.Create(t, limitsPath(plans[0], metric)+".json", "limit", url.Values{"period": {"hour"}, "value": {"1"}})
	tn.Create(t, limitsPath(plans[0], keep)+".json", "limit", url.Values{"period": {"day"}, "value": {"1"}})
	tn.Create(t, pricingPath(plans[0], keep)+".json", "pricing_rule", url.Values{"min": {"1"}, "cost_per_unit": {"1"}})
	// 41 limits with their claims and 40 pricing rules: 122 items, over one transaction.
	expectDeleted(t, tn.Do(t, "DELETE", sp(svc, "/metrics/"+testenv.S(metric)+".json"), nil), "delete metric")
	for _, p := range plans {
		ls := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(p)+"/limits.json", nil), "limits", "limit")
		rs := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(p)+"/pricing_rules.json", nil), "pricing_rules", "pricing_rule")
		want := 0
		if p == plans[0] {
			want = 1
		}
		if len(ls) != want || len(rs) != want {
			t.Fatalf("plan %d keeps %d limits and %d rules", p, len(ls), len(rs))
		}
		if want == 1 && (num(t, ls[0], "metric_id") != keep || num(t, rs[0], "metric_id") != keep) {
			t.Fatalf("the other metric's rules must stay: %v %v", ls, rs)
		}
	}
	var left []*catalog.Limit
	if err := env.Server.Deps.Store.All(t.Context(), catalogRulesQuery(tn.ID, metric), &left); err != nil || len(left) != 0 {
		t.Fatalf("index entries left: %d %v", len(left), err)
	}
	// The names and the limit claims are free: the same metric can come back with the same limits.
	again := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"Doomed"}, "unit": {"u"}}))
	tn.Create(t, limitsPath(plans[1], again)+".json", "limit", url.Values{"period": {"day"}, "value": {"1"}})
}

// Deleting a plan deletes its limits, also beyond one transaction.
func TestDeletePlanRemovesItsLimits(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	plan := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"big"}}))
	var metrics []int64
	for i := 0; i < 8; i++ {
		m := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"m" + strconv.Itoa(i)}, "unit": {"u"}}))
		metrics = append(metrics, m)
		for _, period := range catalog.Periods {
			tn.Create(t, limitsPath(plan, m)+".json", "limit", url.Values{"period": {period}, "value": {"1"}})
		}
	}
	// 56 limits with their claims: 112 items.
	expectDeleted(t, tn.Do(t, "DELETE", sp(svc, "/application_plans/"+testenv.S(plan)+".json"), nil), "delete plan")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/application_plans/"+testenv.S(plan)+"/limits.json", nil), ".json")
	var left []*catalog.Limit
	if err := env.Server.Deps.Store.All(t.Context(), catalogRulesQuery(tn.ID, metrics[0]), &left); err != nil || len(left) != 0 {
		t.Fatalf("limits left: %d %v", len(left), err)
	}
	// The plan's system name is free.
	tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"big"}})
}
