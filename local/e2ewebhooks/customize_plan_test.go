package e2ewebhooks

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// customize_plan and decustomize_plan move the application to another plan
// by saving it, not through its plan change: 3scale fires the application's
// updated event (not plan_changed), with the application on its new plan; a
// call that changes nothing fires nothing.
func TestWebhookCustomizePlan(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, true)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Custom"}}))
	plan := testenv.ID(t, tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"basic"}}))
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Tailored"},
		"username": {"tailored"}, "email": {"tailored@example.com"}, "password": {password}}))
	a := "/admin/api/accounts/" + testenv.S(acc)
	app := testenv.ID(t, tn.Create(t, a+"/applications.json", "application", url.Values{"plan_id": {testenv.S(plan)}, "name": {"Tailored app"}}))
	p := a + "/applications/" + testenv.S(app)
	ofApp := func() []delivery {
		var out []delivery
		for _, d := range rc.ok() {
			if d.Event.Type == "application" && idOf(d.Event.Object.Inner) == testenv.S(app) {
				out = append(out, d)
			}
		}
		return out
	}
	waitFor(t, 30*time.Second, "the application's created event", func() bool { return len(ofApp()) == 1 })

	put := func(path string, n int) {
		t.Helper()
		if r := tn.Do(t, "PUT", path, nil); r.Status != 200 {
			t.Fatalf("PUT %s: %d %s", path, r.Status, r.Body)
		}
		waitFor(t, 30*time.Second, "the application's events", func() bool { return len(ofApp()) >= n })
	}
	put(p+"/customize_plan.json", 2)
	put(p+"/customize_plan.json", 2) // already custom: no change, no event
	put(p+"/decustomize_plan.json", 3)
	put(p+"/decustomize_plan.json", 3) // not custom: no change, no event
	time.Sleep(time.Second)            // nothing more comes
	got := ofApp()
	if k := strings.Join(kinds(got), ","); k != "application created,application updated,application updated" {
		t.Fatalf("events: %s", k)
	}
	custom, back := got[1].Event.Object.Inner, got[2].Event.Object.Inner
	if !has(custom, `custom="true"`) || !has(custom, "<name>basic (custom)</name>") {
		t.Errorf("customized: the application is not on its custom plan: %s", custom)
	}
	if has(back, `custom="true"`) || !has(back, "<name>basic</name>") || !has(back, "<id>"+testenv.S(plan)+"</id>") {
		t.Errorf("decustomized: the application is not back on basic: %s", back)
	}
}
