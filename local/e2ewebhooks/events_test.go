package e2ewebhooks

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

const password = "a-long-enough-password"

// Every kind of event, from admin calls (provider_actions on): each change
// gives exactly one event of its type and action, posted as 3scale's
// envelope in application/xml, signed so that the Standard Webhooks library
// accepts it.
func TestWebhookEveryEventKindFromAdmin(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, secret := hook(t, env, rc, true)
	must := func(r *testenv.Response, status int, what string) *testenv.Response {
		t.Helper()
		if r.Status != status {
			t.Fatalf("%s: %d %s", what, r.Status, r.Body)
		}
		return r
	}
	var want []string
	expect := func(kinds ...string) { want = append(want, kinds...) }

	// A service with a second plan, so that applications can change plan.
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Hooked"}}))
	plans := "/admin/api/services/" + testenv.S(svc) + "/application_plans.json"
	basic := testenv.ID(t, tn.Create(t, plans, "application_plan", url.Values{"name": {"basic"}}))
	pro := testenv.ID(t, tn.Create(t, plans, "application_plan", url.Values{"name": {"pro"}}))
	accPlan := testenv.ID(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"gold"}}))

	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Hooli"},
		"username": {"hooli"}, "email": {"hooli@example.com"}, "password": {password}}))
	expect("account created", "user created")
	a := "/admin/api/accounts/" + testenv.S(acc)
	must(tn.Do(t, "PUT", a+".json", url.Values{"org_name": {"Hooli Inc"}}), 200, "update account")
	must(tn.Do(t, "PUT", a+"/reject.json", nil), 200, "reject")
	must(tn.Do(t, "PUT", a+"/change_plan.json", url.Values{"plan_id": {testenv.S(accPlan)}}), 200, "change account plan")
	expect("account updated", "account updated", "account plan_changed")

	user := testenv.ID(t, tn.Create(t, a+"/users.json", "user", url.Values{"username": {"gavin"}, "email": {"gavin@example.com"}}))
	u := a + "/users/" + testenv.S(user)
	must(tn.Do(t, "PUT", u+".json", url.Values{"email": {"gavin@hooli.example.com"}}), 200, "update user")
	must(tn.Do(t, "PUT", u+"/activate.json", nil), 200, "activate user")
	must(tn.Do(t, "DELETE", u+".json", nil), 200, "delete user")
	expect("user created", "user updated", "user updated", "user deleted")

	app := testenv.ID(t, tn.Create(t, a+"/applications.json", "application", url.Values{"plan_id": {testenv.S(basic)}, "name": {"XYZ"}}))
	p := a + "/applications/" + testenv.S(app)
	must(tn.Do(t, "PUT", p+".json", url.Values{"description": {"the box"}}), 200, "update application")
	must(tn.Do(t, "PUT", p+".json", url.Values{"user_key": {"a-key-of-our-own"}}), 200, "update user_key")
	must(tn.Do(t, "PUT", p+"/change_user_key.json", nil), 200, "change user key")
	must(tn.Do(t, "PUT", p+"/suspend.json", nil), 200, "suspend")
	must(tn.Do(t, "PUT", p+"/resume.json", nil), 200, "resume")
	must(tn.Do(t, "PUT", p+"/change_plan.json", url.Values{"plan_id": {testenv.S(pro)}}), 200, "change plan")
	must(tn.Do(t, "POST", p+"/keys.json", url.Values{"key": {"secret-key-1"}}), 201, "create key")
	must(tn.Do(t, "DELETE", p+"/keys/secret-key-1.json", nil), 200, "delete key")
	must(tn.Do(t, "DELETE", p+".json", nil), 200, "delete application")
	expect("application created", "application updated", "application updated", "application key_updated",
		"application user_key_updated", "application suspended", "application updated", "application plan_changed",
		"application key_created", "application key_deleted", "application deleted")
	must(tn.Do(t, "DELETE", a+".json", nil), 200, "delete account")
	expect("account deleted")

	// Signing up may also create applications on services with default plans.
	waitFor(t, 60*time.Second, "every event", func() bool { return len(rc.ok()) >= len(want) })
	time.Sleep(time.Second) // nothing more comes
	got := rc.ok()
	var seen []string
	for _, d := range got {
		if d.Event.Type == "application" && d.Event.Action == "created" && !has(d.Event.Object.Inner, "<name>XYZ</name>") {
			continue // an application of the signup
		}
		seen = append(seen, d.Event.Type+" "+d.Event.Action)
	}
	sort.Strings(seen)
	sort.Strings(want)
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Fatalf("events:\n got %v\nwant %v", seen, want)
	}
	ids := map[string]bool{}
	for _, d := range got {
		if ct := d.Header.Get("Content-Type"); ct != "application/xml" {
			t.Errorf("Content-Type %q", ct)
		}
		if !strings.HasPrefix(string(d.Body), `<?xml version="1.0" encoding="UTF-8"?><event><action>`+d.Event.Action+
			`</action><type>`+d.Event.Type+`</type><object><`+d.Event.Type+`>`) {
			t.Errorf("envelope: %s", d.Body)
		}
		if err := verify(t, secret, d); err != nil {
			t.Errorf("signature of %s %s refused: %v", d.Event.Type, d.Event.Action, err)
		}
		id := d.Header.Get("webhook-id")
		if ids[id] {
			t.Errorf("webhook-id %s delivered twice", id)
		}
		ids[id] = true
	}
	// The object is the API's XML: an application's is complete.
	for _, d := range got {
		if d.Event.Type == "application" && d.Event.Action == "suspended" {
			for _, el := range []string{"<state>suspended</state>", "<first_traffic_at", "<first_daily_traffic_at",
				"<user_key>", "<provider_verification_key", "<plan ", "<name>XYZ</name>"} {
				if !has(d.Event.Object.Inner, el) {
					t.Errorf("application XML lacks %s: %s", el, d.Event.Object.Inner)
				}
			}
		}
		if d.Event.Type == "account" && d.Event.Action == "plan_changed" && !has(d.Event.Object.Inner, "<name>gold</name>") {
			t.Errorf("account XML after the plan change: %s", d.Event.Object.Inner)
		}
	}
	// A tampered delivery is refused by the same library.
	bad := got[0]
	bad.Body = []byte(strings.Replace(string(bad.Body), "<action>", "<action>x", 1))
	if err := verify(t, secret, bad); err == nil {
		t.Errorf("a tampered body verified")
	}
	bad = got[0]
	bad.Header = bad.Header.Clone()
	bad.Header.Set("webhook-id", "msg_other")
	if err := verify(t, secret, bad); err == nil {
		t.Errorf("a tampered id verified")
	}
	// Each event is in the delivery log, delivered at its first attempt.
	for _, e := range events(t, tn) {
		if e["state"] != "delivered" || len(attempts(e)) != 1 || attempts(e)[0]["status"] != float64(200) {
			t.Errorf("log: %v", e)
		}
	}
}

// Without provider_actions admin calls fire nothing, but a developer's own
// signup through the portal does; provider-key requests never fire.
func TestWebhookDeveloperSideOnly(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, false)
	tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"By admin"}, "username": {"byadmin"},
		"email": {"byadmin@example.com"}, "password": {password}})
	acc := tn.Create(t, "/admin/api/portal/signup.json", "account", url.Values{"org_name": {"By dev"}, "username": {"bydev"},
		"email": {"bydev@example.com"}, "password": {password}})
	waitFor(t, 30*time.Second, "the portal signup's events", func() bool { return len(rc.ok()) >= 2 })

	// An invitation accepted through the portal is a developer's change too.
	base := "/admin/api/accounts/" + testenv.S(testenv.ID(t, acc))
	if r := tn.Do(t, "POST", base+"/invitations.json", url.Values{"email": {"invitee@example.com"}}); r.Status != 201 {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	token := ""
	for _, it := range tn.Do(t, "GET", "/admin/api/outbox.json", nil).JSON(t)["emails"].([]any) {
		e := it.(map[string]any)["email"].(map[string]any)
		if m := regexp.MustCompile(`Invitation token: ([0-9a-f]+)`).FindStringSubmatch(e["body"].(string)); m != nil && e["to"] == "invitee@example.com" {
			token = m[1]
		}
	}
	if r := tn.Do(t, "POST", "/admin/api/invitations/accept.json", url.Values{"invitation_token": {token},
		"username": {"invitee"}, "password": {password}}); r.Status != 201 {
		t.Fatalf("accept (token %q): %d %s", token, r.Status, r.Body)
	}
	waitFor(t, 30*time.Second, "the invitee's event", func() bool { return len(rc.ok()) >= 3 })

	// Now with provider_actions on, a provider-key request still fires nothing.
	tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"provider_actions": {"true"}})
	r := env.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+".json",
		url.Values{"provider_key": {tn.ProviderKey}, "org_name": {"By dev, renamed"}})
	if r.Status != 200 {
		t.Fatalf("update by provider key: %d %s", r.Status, r.Body)
	}
	time.Sleep(2 * time.Second)
	got := kinds(rc.ok())
	created := 0
	for _, k := range got {
		if k == "account created" || k == "user created" {
			created++
		}
	}
	if created != 3 || contains(got, "account updated") {
		t.Fatalf("events: %v", got)
	}
	for _, d := range rc.ok() {
		if d.Event.Type == "account" && !has(d.Event.Object.Inner, "<org_name>By dev</org_name>") {
			t.Errorf("account event of the wrong account: %s", d.Event.Object.Inner)
		}
	}
}
