package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The settings' account_approval_required is the default account plan's
// approval_required while there is one, the stored setting otherwise; a
// signup without account_plan_id buys the default account plan and follows
// its flag, and an account plan in use cannot be deleted.
func TestDefaultAccountPlanApproval(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	approval := func() any {
		t.Helper()
		r := tn.Do(t, "GET", "/admin/api/settings.json", nil)
		status(t, r, 200)
		return obj(t, r, "settings")["account_approval_required"]
	}
	putApproval := func(v bool) {
		t.Helper()
		r := accJSON(t, env, "PUT", "/admin/api/settings.json", tn.Token, map[string]any{"account_approval_required": v})
		status(t, r, 200)
		if obj(t, r, "settings")["account_approval_required"] != v {
			t.Fatalf("PUT answers %s", r.Body)
		}
	}
	signup := func() (int64, string) {
		acc := accDev(t, tn)
		return num(t, acc, "id"), text(t, acc, "state")
	}
	boughtPlan := func(acc int64) int64 {
		t.Helper()
		r := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(acc)+"/plan.json", nil)
		status(t, r, 200)
		return num(t, obj(t, r, "account_plan"), "id")
	}
	planPath := func(id int64) string { return "/admin/api/account_plans/" + testenv.S(id) }

	// Without a default account plan the setting is stored.
	putApproval(true)
	if approval() != true {
		t.Fatal("stored setting not kept")
	}
	// With one, it is the plan's flag.
	a := num(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"Open"}, "approval_required": {"false"}}), "id")
	status(t, tn.Do(t, "PUT", planPath(a)+"/default.json", nil), 200)
	if approval() != false {
		t.Fatal("settings do not show the default account plan's flag")
	}
	first, state := signup()
	if state != "approved" || boughtPlan(first) != a || accContracts(t, env, tn, a) != 1 {
		t.Fatalf("signup without account_plan_id: state %s, contracts %d", state, accContracts(t, env, tn, a))
	}
	// Writing the setting writes the plan.
	putApproval(true)
	if p := obj(t, tn.Do(t, "GET", planPath(a)+".json", nil), "account_plan"); p["approval_required"] != true {
		t.Fatalf("the default account plan was not changed: %v", p)
	}
	second, state := signup()
	if state != "created" || accContracts(t, env, tn, a) != 2 {
		t.Fatalf("signup on a plan requiring approval: state %s", state)
	}
	// Changing the plan shows in the settings.
	status(t, tn.Do(t, "PUT", planPath(a)+".json", url.Values{"approval_required": {"false"}}), 200)
	if approval() != false {
		t.Fatal("settings do not follow the plan")
	}
	// A plan in use cannot be deleted; contracts follow change_plan and account deletion.
	status(t, tn.Do(t, "DELETE", planPath(a)+".json", nil), 403)
	b := num(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"Other"}}), "id")
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(first)+"/change_plan.json", url.Values{"plan_id": {testenv.S(b)}}), 200)
	if accContracts(t, env, tn, a) != 1 || accContracts(t, env, tn, b) != 1 {
		t.Fatalf("change_plan: contracts %d and %d", accContracts(t, env, tn, a), accContracts(t, env, tn, b))
	}
	status(t, tn.Do(t, "DELETE", planPath(a)+".json", nil), 403)
	status(t, tn.Do(t, "DELETE", "/admin/api/accounts/"+testenv.S(second)+".json", nil), 200)
	if accContracts(t, env, tn, a) != 0 {
		t.Fatal("the deleted account still counts")
	}
	status(t, tn.Do(t, "DELETE", planPath(a)+".json", nil), 200)
	status(t, tn.Do(t, "DELETE", planPath(b)+".json", nil), 403)
	// No default account plan any more: the stored setting, untouched meanwhile, applies again.
	if approval() != true {
		t.Fatal("the stored setting was lost")
	}
	third, state := signup()
	if state != "created" {
		t.Fatalf("signup without any account plan: state %s", state)
	}
	status(t, tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(third)+"/plan.json", nil), 404)
	putApproval(false)
	if _, state := signup(); state != "approved" {
		t.Fatalf("state %s", state)
	}
}

// Plan changes racing account deletions: every plan counts exactly the accounts left on it.
func TestAccountPlanContractsUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	a, b := accPlan(t, env, tn, false), accPlan(t, env, tn, false)
	var accs []int64
	for i := 0; i < 8; i++ {
		name := testenv.Unique("racer")
		accs = append(accs, num(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {name}, "username": {name},
			"account_plan_id": {testenv.S(a)}}), "id"))
	}
	codes := accParallel(2*len(accs), func(i int) int {
		path := "/admin/api/accounts/" + testenv.S(accs[i/2])
		if i%2 == 0 {
			return tn.Do(t, "DELETE", path+".json", nil).Status
		}
		return tn.Do(t, "PUT", path+"/change_plan.json", url.Values{"plan_id": {testenv.S(b)}}).Status
	})
	if codes[500] != 0 {
		t.Fatalf("statuses %v", codes)
	}
	left := map[int64]int64{}
	for _, id := range accs {
		r := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(id)+"/plan.json", nil)
		if r.Status == 200 {
			left[num(t, obj(t, r, "account_plan"), "id")]++
		}
	}
	if accContracts(t, env, tn, a) != left[a] || accContracts(t, env, tn, b) != left[b] {
		t.Fatalf("contracts %d and %d, accounts left %v (statuses %v)", accContracts(t, env, tn, a), accContracts(t, env, tn, b), left, codes)
	}
}
