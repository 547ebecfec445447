package e2e

import (
	"testing"

	"turnpike/shared/localdev/testenv"
)

// An application is active only while its developer account is neither
// suspended nor scheduled for deletion, from the very next call on; a refused
// call counts nothing.
func TestSMAccountStateDisablesApplications(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	acc := "/admin/api/accounts/" + testenv.S(f.app.Account)
	app := acc + "/applications/" + testenv.S(f.app.ID) + ".json"
	enabled := func() any {
		t.Helper()
		r := f.tn.Do(t, "GET", app, nil)
		status(t, r, 200)
		return obj(t, r, "application")["enabled"]
	}
	status(t, f.authrep(f.q("usage[hits]", "1")), 200, "<current_value>1</current_value>") // the application is cached
	for i, event := range []string{"suspend", "schedule_for_deletion"} {
		status(t, f.tn.Do(t, "PUT", acc+"/"+event+".json", nil), 200)
		status(t, f.authrep(f.q("usage[hits]", "1")), 409, "<reason>application is not active</reason>")
		status(t, f.authorize(f.q()), 409, "<reason>application is not active</reason>")
		if enabled() != false {
			t.Fatalf("%s: the application still shows enabled", event)
		}
		status(t, f.tn.Do(t, "PUT", acc+"/resume.json", nil), 200)
		want := "<current_value>" + testenv.S(int64(i+2)) + "</current_value>"
		status(t, f.authrep(f.q("usage[hits]", "1")), 200, want)
		if enabled() != true {
			t.Fatalf("%s: the application shows disabled after resume", event)
		}
	}
	// Accounts waiting for approval keep their applications enabled, as in 3scale.
	status(t, f.tn.Do(t, "PUT", acc+"/make_pending.json", nil), 200)
	status(t, f.authrep(f.q("usage[hits]", "1")), 200, "<current_value>4</current_value>")
}
