package e2ewebhooks

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// Events of one object keep their order while an earlier one is retried:
// the later ones wait for it, then follow in the order of the changes.
func TestWebhookOrderWhileRetrying(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, func(n int, _ *http.Request) int {
		if n == 1 {
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	tn := env.NewTenant(t)
	if r := tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"url": {rc.srv.URL}, "active": {"true"},
		"provider_actions": {"true"}, "user_created_on": {"true"}, "user_updated_on": {"true"}}); r.Status != 200 {
		t.Fatalf("PUT webhooks: %d %s", r.Status, r.Body)
	}
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Ordered"},
		"username": {"ordered"}, "email": {"ordered@example.com"}, "password": {password}}))
	waitFor(t, 20*time.Second, "the first attempt", func() bool { return len(rc.all()) == 1 })
	a := "/admin/api/accounts/" + testenv.S(acc)
	user := testenv.ID(t, tn.Do(t, "GET", a+"/users.json", nil).JSON(t)["users"].([]any)[0].(map[string]any)["user"].(map[string]any))
	for _, email := range []string{"first@example.com", "second@example.com"} {
		if r := tn.Do(t, "PUT", a+"/users/"+testenv.S(user)+".json", url.Values{"email": {email}}); r.Status != 200 {
			t.Fatalf("update user: %d %s", r.Status, r.Body)
		}
	}
	time.Sleep(2 * time.Second)
	if n := len(rc.all()); n != 1 {
		t.Fatalf("%d requests while the first event waits for its retry: %v", n, kinds(rc.all()))
	}
	env.Server.Clock.Advance(61 * time.Second) // the retry is due
	waitFor(t, 30*time.Second, "the three events", func() bool { return len(rc.ok()) >= 3 })
	time.Sleep(time.Second)
	got := rc.ok()
	var order []string
	for _, d := range got {
		order = append(order, d.Event.Action)
		if d.Event.Action == "updated" {
			order[len(order)-1] += " " + between(d.Event.Object.Inner, "<email>", "</email>")
		}
	}
	if s := strings.Join(order, ", "); s != "created, updated first@example.com, updated second@example.com" || len(rc.all()) != 4 {
		t.Fatalf("delivered in this order: %s (%d requests)", s, len(rc.all()))
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	j := strings.Index(s, to)
	if j < 0 {
		return ""
	}
	return s[:j]
}
