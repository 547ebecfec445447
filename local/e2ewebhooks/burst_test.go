package e2ewebhooks

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// 1 000 events in a burst (10 users, 100 changes each, the users changed in
// parallel): every one is delivered, none twice, and each user's events
// arrive in the order of the changes.
func TestWebhookBurst(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn := env.NewTenant(t)
	if r := tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"url": {rc.srv.URL}, "active": {"true"},
		"provider_actions": {"true"}, "user_updated_on": {"true"}}); r.Status != 200 {
		t.Fatalf("PUT webhooks: %d %s", r.Status, r.Body)
	}
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Burst"},
		"username": {"burst"}, "email": {"burst@example.com"}, "password": {password}}))
	const users, changes = 10, 100
	paths := make([]string, users)
	for i := range paths {
		u := testenv.ID(t, tn.Create(t, "/admin/api/accounts/"+testenv.S(acc)+"/users.json", "user",
			url.Values{"username": {fmt.Sprintf("burst%d", i)}, "email": {fmt.Sprintf("u%d-0@example.com", i)}}))
		paths[i] = "/admin/api/accounts/" + testenv.S(acc) + "/users/" + testenv.S(u) + ".json"
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() {
			for n := 1; n <= changes; n++ {
				if r := tn.Do(t, "PUT", p, url.Values{"email": {fmt.Sprintf("u%d-%d@example.com", i, n)}}); r.Status != 200 {
					t.Errorf("update %d of user %d: %d %s", n, i, r.Status, r.Body)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	written := time.Since(start)
	waitFor(t, 5*time.Minute, "1 000 deliveries", func() bool { return len(rc.ok()) >= users*changes })
	t.Logf("%d changes written in %v, all delivered %v after the first", users*changes, written.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond))
	time.Sleep(2 * time.Second)
	got := rc.ok()
	if len(got) != users*changes || len(rc.all()) != users*changes {
		t.Fatalf("%d deliveries (%d requests) for %d events", len(got), len(rc.all()), users*changes)
	}
	ids := map[string]bool{}
	last := map[int]int{}
	email := regexp.MustCompile(`<email>u(\d+)-(\d+)@example.com</email>`)
	for _, d := range got {
		id := d.Header.Get("webhook-id")
		if ids[id] {
			t.Fatalf("event %s delivered twice", id)
		}
		ids[id] = true
		m := email.FindStringSubmatch(d.Event.Object.Inner)
		if m == nil {
			t.Fatalf("no email in %s", d.Event.Object.Inner)
		}
		user, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		if n != last[user]+1 {
			t.Fatalf("user %d: change %d arrived after change %d", user, n, last[user])
		}
		last[user] = n
	}
}
