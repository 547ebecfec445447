package e2ewebhooks

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/webhook"
)

// one makes one change that fires one event (a user created) and returns
// the event as the delivery log shows it.
func one(t *testing.T, env *testenv.Env, tn *testenv.Tenant) map[string]any {
	t.Helper()
	before := len(events(t, tn))
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {testenv.Unique("org")},
		"username": {testenv.Unique("dev")}, "email": {testenv.Unique("dev") + "@example.com"}, "password": {password}})
	tn.Do(t, "PUT", "/admin/api/webhooks.json", nil) // keep the configuration as it is
	_ = acc
	all := events(t, tn)
	if len(all) <= before {
		t.Fatalf("no event recorded")
	}
	return all[len(all)-1]
}

// logged reads an event from the delivery log.
func logged(t *testing.T, tn *testenv.Tenant, id float64) map[string]any {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/webhooks/events/"+testenv.S(int64(id))+".json", nil)
	if r.Status != 200 {
		t.Fatalf("GET event: %d %s", r.Status, r.Body)
	}
	return r.JSON(t)["event"].(map[string]any)
}

// drive runs an event's retry schedule: each time an attempt is recorded,
// the clock moves a minute on, until n attempts are logged.
func drive(t *testing.T, env *testenv.Env, tn *testenv.Tenant, id float64, n int) map[string]any {
	t.Helper()
	var e map[string]any
	for k := 1; k <= n; k++ {
		waitFor(t, 30*time.Second, "attempt "+testenv.S(int64(k)), func() bool {
			e = logged(t, tn, id)
			return len(attempts(e)) >= k
		})
		if k < n {
			env.Server.Clock.Advance(61 * time.Second)
		}
	}
	return e
}

// hookOnly sets a new tenant's webhook to user_created events only.
func hookOnly(t *testing.T, env *testenv.Env, rc *receiver) *testenv.Tenant {
	t.Helper()
	tn := env.NewTenant(t)
	r := tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"url": {rc.srv.URL}, "active": {"true"},
		"provider_actions": {"true"}, "user_created_on": {"true"}})
	if r.Status != 200 {
		t.Fatalf("PUT webhooks: %d %s", r.Status, r.Body)
	}
	return tn
}

// A receiver that fails twice then recovers gets the event once, at the
// third attempt, a minute after the second.
func TestWebhookRetryRecovers(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, func(n int, _ *http.Request) int {
		if n <= 2 {
			return http.StatusInternalServerError
		}
		return http.StatusNoContent // any 2xx is success
	})
	tn := hookOnly(t, env, rc)
	e := one(t, env, tn)
	e = drive(t, env, tn, e["id"].(float64), 3)
	waitFor(t, 10*time.Second, "delivered", func() bool { return logged(t, tn, e["id"].(float64))["state"] == "delivered" })
	time.Sleep(2 * time.Second)
	e = logged(t, tn, e["id"].(float64))
	as := attempts(e)
	if len(as) != 3 || as[0]["status"] != float64(500) || as[1]["status"] != float64(500) || as[2]["status"] != float64(204) {
		t.Fatalf("attempts: %v", as)
	}
	if as[0]["error"] != "500 Internal Server Error" {
		t.Errorf("error recorded: %v", as[0]["error"])
	}
	for i := 1; i < 3; i++ {
		prev, _ := time.Parse(time.RFC3339Nano, as[i-1]["at"].(string))
		at, _ := time.Parse(time.RFC3339Nano, as[i]["at"].(string))
		if at.Sub(prev) < 60*time.Second {
			t.Errorf("attempt %d came %v after the previous one", i+1, at.Sub(prev))
		}
	}
	if got := rc.ok(); len(got) != 1 || len(rc.all()) != 3 {
		t.Fatalf("receiver: %d requests, %d answered 2xx", len(rc.all()), len(got))
	}
	if f := tn.Do(t, "GET", "/admin/api/webhooks/failures.json", nil); f.String() != `{"webhooks-failures":[]}` {
		t.Errorf("failures: %s", f.Body)
	}
}

// A receiver that never recovers gets 6 attempts, then one failure is
// recorded and listed in 3scale's shapes; DELETE clears it by time or all.
func TestWebhookNeverRecovers(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, func(int, *http.Request) int { return http.StatusServiceUnavailable })
	tn := hookOnly(t, env, rc)
	e := one(t, env, tn)
	e = drive(t, env, tn, e["id"].(float64), 6)
	waitFor(t, 10*time.Second, "failed", func() bool { return logged(t, tn, e["id"].(float64))["state"] == "failed" })
	env.Server.Clock.Advance(5 * time.Minute)
	time.Sleep(3 * time.Second) // no seventh attempt comes
	if n := len(rc.all()); n != 6 {
		t.Fatalf("%d attempts", n)
	}
	r := tn.Do(t, "GET", "/admin/api/webhooks/failures.json", nil)
	var list struct {
		Failures []struct {
			F struct{ ID, Time, Error, URL, Event string } `json:"webhooks-failure"`
		} `json:"webhooks-failures"`
	}
	if err := json.Unmarshal(r.Body, &list); err != nil || len(list.Failures) != 1 {
		t.Fatalf("failures: %v %s", err, r.Body)
	}
	f := list.Failures[0].F
	if f.ID != e["uuid"] || f.Error != "503 Service Unavailable" || f.URL != rc.srv.URL ||
		!strings.HasPrefix(f.Event, `<?xml version="1.0" encoding="UTF-8"?><event><action>created</action><type>user</type>`) {
		t.Errorf("failure: %+v", f)
	}
	x := tn.Do(t, "GET", "/admin/api/webhooks/failures.xml", nil).String()
	if !strings.Contains(x, "<webhooks-failures><webhooks-failure><id>"+f.ID+"</id><time>") ||
		!strings.Contains(x, "<event><event><action>created</action>") {
		t.Errorf("failures XML: %s", x)
	}
	if r := tn.Do(t, "DELETE", "/admin/api/webhooks/failures.json", url.Values{"time": {"not a time"}}); r.Status != 400 ||
		r.String() != `{"error":"invalid time"}` {
		t.Errorf("DELETE with a bad time: %d %s", r.Status, r.Body)
	}
	at, _ := time.Parse(time.RFC3339, f.Time)
	tn.Do(t, "DELETE", "/admin/api/webhooks/failures.json", url.Values{"time": {at.Add(-time.Second).Format(time.RFC3339)}})
	if r := tn.Do(t, "GET", "/admin/api/webhooks/failures.json", nil); strings.Count(r.String(), `"webhooks-failure"`) != 1 {
		t.Errorf("a failure after the time given was deleted: %s", r.Body)
	}
	tn.Do(t, "DELETE", "/admin/api/webhooks/failures.json", url.Values{"time": {at.Add(time.Second).Format(time.RFC3339)}})
	if r := tn.Do(t, "GET", "/admin/api/webhooks/failures.json", nil); r.String() != `{"webhooks-failures":[]}` {
		t.Errorf("after DELETE up to its time: %s", r.Body)
	}
	// Redelivering the failed event starts a new round: the receiver is back.
	rc.answer = func(int, *http.Request) int { return http.StatusOK }
	if r := tn.Do(t, "PUT", "/admin/api/webhooks/events/"+testenv.S(int64(e["id"].(float64)))+"/redeliver.json", nil); r.Status != 200 {
		t.Fatalf("redeliver: %d %s", r.Status, r.Body)
	}
	waitFor(t, 20*time.Second, "the redelivery", func() bool { return len(rc.ok()) == 1 })
	if as := attempts(logged(t, tn, e["id"].(float64))); len(as) != 7 {
		t.Errorf("the log after a redelivery has %d attempts", len(as))
	}
}

// A receiver that hangs is cut off by the timeout; that attempt failed, the
// next one succeeds.
func TestWebhookHangingReceiver(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, func(n int, r *http.Request) int {
		if n == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
		return http.StatusOK
	})
	tn := hookOnly(t, env, rc)
	e := one(t, env, tn)
	e = drive(t, env, tn, e["id"].(float64), 2)
	waitFor(t, 10*time.Second, "delivered", func() bool { return logged(t, tn, e["id"].(float64))["state"] == "delivered" })
	as := attempts(logged(t, tn, e["id"].(float64)))
	if len(as) != 2 || as[0]["status"] != float64(0) || !strings.Contains(as[0]["error"].(string), "Timeout") ||
		as[1]["status"] != float64(200) {
		t.Fatalf("attempts: %v", as)
	}
	if as[0]["duration_ms"].(float64) > 5000 {
		t.Errorf("the hanging attempt took %v ms", as[0]["duration_ms"])
	}
}

// The same SQS message delivered again posts nothing again.
func TestWebhookSQSRedelivery(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn := hookOnly(t, env, rc)
	e := one(t, env, tn)
	waitFor(t, 20*time.Second, "the delivery", func() bool { return len(rc.ok()) == 1 })
	k := webhook.EventKey(tn.ID, "user", int64(e["object_id"].(float64)), int64(e["id"].(float64)))
	body, _ := json.Marshal(webhook.Message{Tenant: tn.ID, SK: k.SK})
	for range 3 {
		if err := env.Server.Deps.Webhooks.Queue.Send(context.Background(), string(body)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(3 * time.Second)
	if n := len(rc.all()); n != 1 {
		t.Fatalf("%d deliveries of one event", n)
	}
	if as := attempts(logged(t, tn, e["id"].(float64))); len(as) != 1 {
		t.Fatalf("attempts: %v", as)
	}
}

// A change whose transaction fails (a username already taken, found at
// commit) records no event and sends nothing.
func TestWebhookFailedTransaction(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn := hookOnly(t, env, rc)
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Taken"}, "username": {"taken"},
		"email": {"taken@example.com"}, "password": {password}})
	waitFor(t, 20*time.Second, "the signup's user event", func() bool { return len(rc.ok()) == 1 })
	r := tn.Do(t, "POST", "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/users.json",
		url.Values{"username": {"taken"}, "email": {"other@example.com"}})
	if r.Status != 422 {
		t.Fatalf("duplicate username: %d %s", r.Status, r.Body)
	}
	time.Sleep(2 * time.Second)
	if n := len(rc.all()); n != 1 {
		t.Fatalf("%d deliveries", n)
	}
	if n := len(events(t, tn)); n != 1 {
		t.Fatalf("%d events logged", n)
	}
}

// An event whose queue message was never sent (the process died right after
// the commit) is found by the scheduled sweep and delivered.
func TestWebhookSweepFindsLostEvents(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn := hookOnly(t, env, rc)
	ctx := context.Background()
	d := env.Server.Deps
	cfg, err := webhook.LoadConfig(ctx, d.Store, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	e, err := webhook.Prepare(ctx, d.Store, cfg, webhook.Change{Tenant: tn.ID, Type: "user", Action: "created", Object: 1,
		XML: []byte("<user><id>1</id></user>")}, d.Now())
	if err != nil || e == nil {
		t.Fatalf("prepare: %v %v", e, err)
	}
	tx := d.Store.Tx(tn.ID)
	e.AddTo(tx, nil) // committed, never enqueued
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if len(rc.all()) != 0 {
		t.Fatalf("delivered without a message")
	}
	env.Server.Clock.Advance(webhook.SweepGrace + time.Minute)
	if err := env.Server.RunSchedule(ctx, "webhook-sweep"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "the swept event", func() bool { return len(rc.ok()) == 1 })
	if got := rc.ok()[0].Header.Get("webhook-id"); got != e.UUID {
		t.Errorf("webhook-id %s, event %s", got, e.UUID)
	}
}
