package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// Every transition of an application, allowed and refused, in JSON and XML.
func TestApplicationStateTransitions(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	approval := w.appPlan(t, w.svc, url.Values{"approval_required": {"true"}})
	path := w.app(w.acc, testenv.ID(t, w.newApp(t, w.acc, approval, nil)))
	step := func(event, format string, want int, state string) {
		t.Helper()
		r := w.do(t, "PUT", path+"/"+event+"."+format, nil)
		if r.Status != want {
			t.Fatalf("%s from %s: want %d, got %d %s", event, state, want, r.Status, r.Body)
		}
		switch {
		case want == 200 && format == "json":
			if got := obj(t, r, "application")["state"]; got != state {
				t.Fatalf("%s: state %v, want %s", event, got, state)
			}
		case want == 200:
			if !strings.Contains(r.String(), "<state>"+state+"</state>") {
				t.Fatalf("%s: %s", event, r.Body)
			}
		case format == "json":
			if firstError(t, r, "state") != `cannot transition via "`+event+`"` {
				t.Fatalf("%s refused: %s", event, r.Body)
			}
		default:
			if !strings.Contains(r.String(), "<errors><error>State cannot transition via") {
				t.Fatalf("%s refused (XML): %s", event, r.Body)
			}
		}
	}
	// pending
	step("suspend", "json", 422, "pending")
	step("resume", "xml", 422, "pending")
	step("accept", "json", 200, "live")
	// live
	step("accept", "xml", 422, "live")
	step("resume", "json", 422, "live")
	step("suspend", "xml", 200, "suspended")
	// suspended
	step("suspend", "json", 422, "suspended")
	step("accept", "json", 422, "suspended")
	step("resume", "json", 200, "live")
	got := obj(t, send(t, w.tn, 200, "GET", path+".json", nil), "application")
	if got["state"] != "live" || got["enabled"] != true {
		t.Fatalf("after the round: %v", got)
	}
	send(t, w.tn, 404, "PUT", w.app(w.acc, 999999999)+"/suspend.json", nil)
}

// A suspension reaches authrep on the very next call, and so does the resumption.
func TestSuspendedApplicationIsRefusedByAuthrepAtOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 100})
	path := "/admin/api/accounts/" + testenv.S(app.Account) + "/applications/" + testenv.S(app.ID)
	authrep := func() *testenv.Response {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[hits]": {"1"}})
	}
	for round := 0; round < 3; round++ {
		if r := authrep(); r.Status != 200 {
			t.Fatalf("round %d, live: %d %s", round, r.Status, r.Body)
		}
		if r := tn.Do(t, "PUT", path+"/suspend.json", nil); r.Status != 200 {
			t.Fatalf("suspend: %d %s", r.Status, r.Body)
		}
		r := authrep()
		if r.Status != 409 || !strings.Contains(r.String(), "<reason>application is not active</reason>") {
			t.Fatalf("round %d, suspended: %d %s", round, r.Status, r.Body)
		}
		if r := tn.Do(t, "PUT", path+"/resume.json", nil); r.Status != 200 {
			t.Fatalf("resume: %d %s", r.Status, r.Body)
		}
	}
	// The refused calls counted nothing: 3 calls made it.
	r := authrep()
	if r.Status != 200 || !strings.Contains(r.String(), "<current_value>4</current_value>") {
		t.Fatalf("after resumption: %d %s", r.Status, r.Body)
	}
}

// A regenerated user_key works at once and the old one stops at once.
func TestChangeUserKeyReachesAuthrepAtOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, nil)
	path := "/admin/api/accounts/" + testenv.S(app.Account) + "/applications/" + testenv.S(app.ID)
	authrep := func(key string) int {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(app.Service)}, "user_key": {key}}).Status
	}
	r := tn.Do(t, "PUT", path+"/change_user_key.json", nil)
	if r.Status != 200 {
		t.Fatalf("change_user_key: %d %s", r.Status, r.Body)
	}
	key := text(t, obj(t, r, "application"), "user_key")
	if !hex32.MatchString(key) || key == app.UserKey {
		t.Fatalf("new user_key %q (old %q)", key, app.UserKey)
	}
	if authrep(key) != 200 || authrep(app.UserKey) != 403 {
		t.Fatalf("new key %d, old key %d", authrep(key), authrep(app.UserKey))
	}
	r = tn.Do(t, "PUT", path+"/change_user_key.xml", nil)
	if r.Status != 200 || strings.Contains(r.String(), "<user_key>"+key+"</user_key>") || !strings.Contains(r.String(), "<user_key>") {
		t.Fatalf("change_user_key.xml: %d %s", r.Status, r.Body)
	}
}
