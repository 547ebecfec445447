package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestAccountChangePlan(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	path := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id"))
	// No plan bought yet.
	status(t, tn.Do(t, "GET", path+"/plan.json", nil), 404)
	first, second := accPlan(t, env, tn, false), accPlan(t, env, tn, true)
	r := tn.Do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(first)}})
	status(t, r, 200)
	plan := obj(t, r, "account_plan")
	if num(t, plan, "id") != first || plan["approval_required"] != false || plan["state"] != "published" {
		t.Fatalf("change_plan: %s", r.Body)
	}
	r = tn.Do(t, "GET", path+"/plan.json", nil)
	if num(t, obj(t, r, "account_plan"), "id") != first {
		t.Fatalf("plan: %s", r.Body)
	}
	// The same plan again changes nothing.
	status(t, tn.Do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(first)}}), 200)
	if accContracts(t, env, tn, first) != 1 {
		t.Fatal("same plan counted twice")
	}
	r = tn.Do(t, "PUT", path+"/change_plan.xml", url.Values{"plan_id": {testenv.S(second)}})
	status(t, r, 200)
	if !strings.Contains(r.String(), "><id>"+testenv.S(second)+"</id>") || !strings.Contains(r.String(), "<type>account_plan</type>") {
		t.Fatalf("XML change_plan: %s", r.Body)
	}
	if accContracts(t, env, tn, first) != 0 || accContracts(t, env, tn, second) != 1 {
		t.Fatal("contracts do not follow the change")
	}
	r = tn.Do(t, "GET", path+"/plan.xml", nil)
	if !strings.Contains(r.String(), "<id>"+testenv.S(second)+"</id>") {
		t.Fatalf("XML plan: %s", r.Body)
	}
	// Refusals.
	fieldError(t, tn.Do(t, "PUT", path+"/change_plan.json", nil), 422, "plan_id")
	fieldError(t, tn.Do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {"abc"}}), 422, "plan_id")
	appPlan := tn.Create(t, "/admin/api/services/"+testenv.S(tn.DefaultService)+"/application_plans.json", "application_plan",
		url.Values{"name": {"not an account plan"}})
	other := env.NewTenant(t)
	for _, id := range []string{"999999999", "0", testenv.S(num(t, appPlan, "id")), testenv.S(accPlan(t, env, other, false))} {
		status(t, tn.Do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {id}}), 404)
	}
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/999999999/change_plan.json", url.Values{"plan_id": {testenv.S(first)}}), 404)
	status(t, tn.Do(t, "GET", "/admin/api/accounts/999999999/plan.json", nil), 404)
	if num(t, obj(t, tn.Do(t, "GET", path+"/plan.json", nil), "account_plan"), "id") != second {
		t.Fatal("a refused change wrote")
	}
}
