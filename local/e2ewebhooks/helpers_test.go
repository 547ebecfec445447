package e2ewebhooks

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/webhook"
)

// delivery is one request the receiver got.
type delivery struct {
	Header http.Header
	Body   []byte
	Status int // what the receiver answered
	Event  event
}

type event struct {
	Action string `xml:"action"`
	Type   string `xml:"type"`
	Object struct {
		Inner string `xml:",innerxml"`
	} `xml:"object"`
}

// receiver is a webhook receiver on loopback; answer decides each reply
// (n counts requests from 1) and may hang.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	got    []delivery
	answer func(n int, r *http.Request) int
}

func newReceiver(t *testing.T, answer func(n int, r *http.Request) int) *receiver {
	rc := &receiver{answer: answer}
	if rc.answer == nil {
		rc.answer = func(int, *http.Request) int { return http.StatusOK }
	}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		n := len(rc.got) + 1
		d := delivery{Header: r.Header.Clone(), Body: body}
		if err := xml.Unmarshal(body, &d.Event); err != nil {
			t.Errorf("delivery %d is not an event document: %v: %s", n, err, body)
		}
		rc.got = append(rc.got, d)
		rc.mu.Unlock()
		status := rc.answer(n, r)
		rc.mu.Lock()
		rc.got[n-1].Status = status
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

// all is a copy of every request received so far.
func (rc *receiver) all() []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivery(nil), rc.got...)
}

// ok lists the requests answered with a 2xx.
func (rc *receiver) ok() []delivery {
	var out []delivery
	for _, d := range rc.all() {
		if d.Status >= 200 && d.Status < 300 {
			out = append(out, d)
		}
	}
	return out
}

// waitFor polls cond until it holds, or fails the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// hook points a new tenant's webhooks at rc, every switch on.
func hook(t *testing.T, env *testenv.Env, rc *receiver, providerActions bool) (*testenv.Tenant, string) {
	t.Helper()
	tn := env.NewTenant(t)
	form := url.Values{"url": {rc.srv.URL + "/hooks"}, "active": {"true"}, "provider_actions": {boolStr(providerActions)}}
	for _, s := range webhook.Switches {
		form.Set(s, "true")
	}
	r := tn.Do(t, "PUT", "/admin/api/webhooks.json", form)
	if r.Status != 200 {
		t.Fatalf("PUT webhooks: %d %s", r.Status, r.Body)
	}
	return tn, r.JSON(t)["webhook"].(map[string]any)["secret"].(string)
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// verify checks a delivery's Standard Webhooks signature with that
// convention's own library.
func verify(t *testing.T, secret string, d delivery) error {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	return wh.VerifyIgnoringTimestamp(d.Body, d.Header)
}

// events reads a tenant's delivery log.
func events(t *testing.T, tn *testenv.Tenant) []map[string]any {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/webhooks/events.json", url.Values{"per_page": {"500"}})
	if r.Status != 200 {
		t.Fatalf("GET events: %d %s", r.Status, r.Body)
	}
	var out []map[string]any
	for _, it := range r.JSON(t)["events"].([]any) {
		out = append(out, it.(map[string]any)["event"].(map[string]any))
	}
	return out
}

// attempts lists an event's attempts.
func attempts(e map[string]any) []map[string]any {
	var out []map[string]any
	list, _ := e["attempts"].([]any)
	for _, it := range list {
		out = append(out, it.(map[string]any)["attempt"].(map[string]any))
	}
	return out
}

func kinds(ds []delivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Event.Type+" "+d.Event.Action)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func has(s, sub string) bool { return strings.Contains(s, sub) }
