package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// accReach brings a new account to a state through the API.
func accReach(t *testing.T, tn *testenv.Tenant, state string) int64 {
	t.Helper()
	name := testenv.Unique("st")
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {name}, "username": {name}})
	id := num(t, acc, "id") // "created": no password
	steps := map[string][]string{
		"created":                {},
		"pending":                {"make_pending"},
		"approved":               {"approve"},
		"rejected":               {"reject"},
		"suspended":              {"approve", "suspend"},
		"scheduled_for_deletion": {"approve", "schedule_for_deletion"},
	}[state]
	for _, ev := range steps {
		status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(id)+"/"+ev+".json", nil), 200)
	}
	if got := accState(t, tn, id); got != state {
		t.Fatalf("reached %s, want %s", got, state)
	}
	return id
}

// Every event from every state: allowed transitions answer the account in its
// new state; refused ones answer 422 errors.state and change nothing.
func TestAccountStateMachine(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	states := []string{"created", "pending", "approved", "rejected", "suspended", "scheduled_for_deletion"}
	allowed := map[string]map[string]string{
		"make_pending":          {"created": "pending", "approved": "pending", "rejected": "pending"},
		"approve":               {"created": "approved", "pending": "approved", "rejected": "approved"},
		"reject":                {"created": "rejected", "pending": "rejected", "approved": "rejected"},
		"suspend":               {"created": "suspended", "pending": "suspended", "approved": "suspended", "rejected": "suspended"},
		"resume":                {"suspended": "approved", "scheduled_for_deletion": "approved"},
		"schedule_for_deletion": {"created": "scheduled_for_deletion", "pending": "scheduled_for_deletion", "approved": "scheduled_for_deletion", "rejected": "scheduled_for_deletion", "suspended": "scheduled_for_deletion"},
	}
	for event, m := range allowed {
		for _, from := range states {
			id := accReach(t, tn, from)
			path := "/admin/api/accounts/" + testenv.S(id) + "/" + event + ".json"
			r := tn.Do(t, "PUT", path, nil)
			if to, ok := m[from]; ok {
				status(t, r, 200)
				if got := obj(t, r, "account")["state"]; got != to {
					t.Fatalf("%s from %s: %v, want %s", event, from, got, to)
				}
			} else {
				fieldError(t, r, 422, "state")
				if want := `{"errors":{"state":["cannot transition via \"` + event + `\""]}}`; r.String() != want {
					t.Fatalf("%s from %s: %s", event, from, r.Body)
				}
				if got := accState(t, tn, id); got != from {
					t.Fatalf("refused %s moved %s to %s", event, from, got)
				}
			}
		}
	}
}

func TestAccountStateXMLAndListing(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	id := accReach(t, tn, "pending")
	path := "/admin/api/accounts/" + testenv.S(id)
	r := tn.Do(t, "PUT", path+"/approve.xml", nil)
	status(t, r, 200)
	if !strings.Contains(r.String(), "<state>approved</state>") {
		t.Fatalf("XML approve: %s", r.Body)
	}
	r = tn.Do(t, "PUT", path+"/approve", nil) // bare = XML
	exactly(t, r, 422, `<?xml version="1.0" encoding="UTF-8"?><errors><error>State cannot transition via &quot;approve&quot;</error></errors>`)
	// Listing by state follows every change.
	listed := func(state string) bool {
		r := tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {state}})
		for _, a := range items(t, r, "accounts", "account") {
			if num(t, a, "id") == id {
				return true
			}
		}
		return false
	}
	if !listed("approved") || listed("pending") {
		t.Fatal("listing by state after approve")
	}
	// Scheduled for deletion: a deletion date 15 days on; XML drops the billing flags.
	before := time.Now().UTC().Add(-time.Second)
	r = tn.Do(t, "PUT", path+"/schedule_for_deletion.json", nil)
	acc := obj(t, r, "account")
	date, err := time.Parse(time.RFC3339, text(t, acc, "deletion_date"))
	if err != nil || date.Before(before.Add(15*24*time.Hour)) || date.After(time.Now().Add(15*24*time.Hour+time.Second)) {
		t.Fatalf("deletion_date: %s", r.Body)
	}
	if !listed("scheduled_for_deletion") || listed("approved") {
		t.Fatal("listing by state after schedule_for_deletion")
	}
	r = tn.Do(t, "GET", path+".xml", nil)
	if !strings.Contains(r.String(), "<deletion_date>") || strings.Contains(r.String(), "monthly_billing_enabled") {
		t.Fatalf("XML of a scheduled account: %s", r.Body)
	}
	r = tn.Do(t, "PUT", path+"/resume.json", nil)
	if acc = obj(t, r, "account"); acc["state"] != "approved" || acc["deletion_date"] != nil {
		t.Fatalf("resume: %s", r.Body)
	}
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/999999999/approve.json", nil), 404)
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/x/approve.json", nil), 404)
}

// Concurrent approvals of one pending account: exactly one succeeds.
func TestAccountConcurrentTransitions(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	id := accReach(t, tn, "pending")
	codes := accParallel(16, func(int) int {
		return tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(id)+"/approve.json", nil).Status
	})
	if codes[200] != 1 || codes[422] != 15 {
		t.Fatalf("codes %v", codes)
	}
}
