package e2ewebhooks

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// POST /admin/api/accounts (createAccount): a developer account with its
// admin user, approved or pending as approval says; and plan_id on the
// application update. Both fire their events.
func TestWebhookCreateAccountAndPlanUpdate(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, true)

	r := tn.Do(t, "POST", "/admin/api/accounts.json", url.Values{"org_name": {"Pied Piper"}, "username": {"richard"},
		"email": {"richard@example.com"}})
	if r.Status != 201 {
		t.Fatalf("create account: %d %s", r.Status, r.Body)
	}
	acc := r.JSON(t)["account"].(map[string]any)
	if acc["state"] != "approved" || acc["org_name"] != "Pied Piper" {
		t.Fatalf("account: %v", acc)
	}
	users := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/users.json", nil).JSON(t)["users"].([]any)
	u := users[0].(map[string]any)["user"].(map[string]any)
	if len(users) != 1 || u["role"] != "admin" || u["state"] != "active" || u["username"] != "richard" {
		t.Fatalf("users: %v", users)
	}
	if apps := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/applications.json", nil).String(); apps != `{"applications":[]}` {
		t.Errorf("createAccount subscribed: %s", apps)
	}
	if r := tn.Do(t, "POST", "/admin/api/accounts.json", url.Values{"org_name": {"No mail"}, "username": {"nomail"}}); r.Status != 422 ||
		!strings.Contains(r.String(), "email") {
		t.Errorf("without email: %d %s", r.Status, r.Body)
	}
	if r := tn.Do(t, "PUT", "/admin/api/settings.json", url.Values{"account_approval_required": {"true"}}); r.Status != 200 {
		t.Fatalf("settings: %d %s", r.Status, r.Body)
	}
	r = tn.Do(t, "POST", "/admin/api/accounts.xml", url.Values{"org_name": {"Hooli XYZ"}, "username": {"nelson"},
		"email": {"nelson@example.com"}, "password": {password}})
	if r.Status != 201 || !strings.Contains(r.String(), "<state>pending</state>") || strings.Contains(r.String(), "<applications>") {
		t.Fatalf("create account with approval required: %d %s", r.Status, r.Body)
	}

	// plan_id on PUT .../applications/{id}: the plan changes.
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Compression"}}))
	plans := "/admin/api/services/" + testenv.S(svc) + "/application_plans.json"
	basic := testenv.ID(t, tn.Create(t, plans, "application_plan", url.Values{"name": {"basic"}}))
	pro := testenv.ID(t, tn.Create(t, plans, "application_plan", url.Values{"name": {"pro"}}))
	other := testenv.ID(t, tn.Create(t, "/admin/api/services/"+testenv.S(tn.DefaultService)+"/application_plans.json",
		"application_plan", url.Values{"name": {"elsewhere"}}))
	apps := "/admin/api/accounts/" + testenv.S(testenv.ID(t, acc)) + "/applications"
	app := testenv.ID(t, tn.Create(t, apps+".json", "application", url.Values{"plan_id": {testenv.S(basic)}, "name": {"middle-out"}}))
	p := apps + "/" + testenv.S(app) + ".json"
	if r := tn.Do(t, "PUT", p, url.Values{"plan_id": {testenv.S(other)}}); r.Status != 404 {
		t.Errorf("a plan of another service: %d %s", r.Status, r.Body)
	}
	r = tn.Do(t, "PUT", p, url.Values{"plan_id": {testenv.S(pro)}, "description": {"now pro"}})
	if r.Status != 200 {
		t.Fatalf("update plan_id: %d %s", r.Status, r.Body)
	}
	if a := r.JSON(t)["application"].(map[string]any); a["plan_id"] != float64(pro) || a["plan_name"] != "pro" || a["description"] != "now pro" {
		t.Fatalf("after update: %v", a)
	}
	// The plans' contract counts moved: basic can be deleted, pro cannot.
	if r := tn.Do(t, "DELETE", "/admin/api/services/"+testenv.S(svc)+"/application_plans/"+testenv.S(pro)+".json", nil); r.Status != 403 {
		t.Errorf("delete the plan in use: %d", r.Status)
	}
	if r := tn.Do(t, "DELETE", "/admin/api/services/"+testenv.S(svc)+"/application_plans/"+testenv.S(basic)+".json", nil); r.Status != 200 {
		t.Errorf("delete the plan left: %d %s", r.Status, r.Body)
	}

	want := []string{"account created", "user created", "account created", "user created", "application created",
		"application updated", "application plan_changed"}
	waitFor(t, 30*time.Second, "the events", func() bool { return len(rc.ok()) >= len(want) })
	time.Sleep(time.Second)
	got := kinds(rc.ok())
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("events:\n got %v\nwant %v", got, want)
	}
	for _, d := range rc.ok() {
		if d.Event.Action == "plan_changed" && !has(d.Event.Object.Inner, "<name>pro</name>") {
			t.Errorf("plan_changed with %s", d.Event.Object.Inner)
		}
	}
}
