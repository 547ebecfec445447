package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The catalog of the README's "Build a catalog" script, built
// with the same calls: the Echo API with a basic plan, a test method limited
// to 5 per hour, metrics v1 and v2 with v2 disabled (a limit of 0). Authrep
// then enforces exactly that.
func TestQuickstartCatalog(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Echo API"}}))
	var hits int64
	for _, m := range items(t, tn.Do(t, "GET", sp(svc, "/metrics.json"), nil), "metrics", "metric") {
		if m["system_name"] == "hits" {
			hits = testenv.ID(t, m)
		}
	}
	test := testenv.ID(t, tn.Create(t, sp(svc, "/metrics/"+testenv.S(hits)+"/methods.json"), "method",
		url.Values{"friendly_name": {"test"}, "system_name": {"test"}}))
	tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"v1"}, "unit": {"hit"}})
	v2 := testenv.ID(t, tn.Create(t, sp(svc, "/metrics.json"), "metric", url.Values{"friendly_name": {"v2"}, "unit": {"hit"}}))
	plan := testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan",
		url.Values{"name": {"basic"}, "state_event": {"publish"}}))
	tn.Create(t, limitsPath(plan, test)+".json", "limit", url.Values{"period": {"hour"}, "value": {"5"}})
	tn.Create(t, limitsPath(plan, v2)+".json", "limit", url.Values{"period": {"eternity"}, "value": {"0"}})
	status(t, tn.Do(t, "PUT", sp(svc, "/application_plans/"+testenv.S(plan)+"/default.json"), nil), 200)

	// A developer and an application on the basic plan.
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Dev Co"}, "username": {"dev"},
		"email": {"dev@example.com"}, "password": {"a-long-enough-password"}}))
	app := tn.Create(t, "/admin/api/accounts/"+testenv.S(acc)+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(plan)}, "name": {"Echo client"}})
	userKey := text(t, app, "user_key")

	authrep := func(metric string) *testenv.Response {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(svc)}, "user_key": {userKey}, "usage[" + metric + "]": {"1"}})
	}
	for i := 1; i <= 5; i++ {
		status(t, authrep("test"), 200)
	}
	status(t, authrep("test"), 409)
	status(t, authrep("v2"), 409)
	status(t, authrep("v1"), 200)
}
