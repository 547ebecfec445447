package e2e

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/outbox"
)

func TestMessages(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := num(t, accDev(t, tn), "id")
	base := "/admin/api/accounts/" + testenv.S(acc)
	owner := accUsers(t, tn, acc)[0]
	// A second admin, a suspended admin and a member: only active or pending admins get the email.
	mk := func(name string, events ...string) {
		id := testenv.S(num(t, tn.Create(t, base+"/users.json", "user", url.Values{"username": {name}, "email": {name + "@example.com"}}), "id"))
		for _, ev := range events {
			status(t, tn.Do(t, "PUT", base+"/users/"+id+"/"+ev+".json", nil), 200)
		}
	}
	mk("admin2", "admin")
	mk("admin3", "admin", "activate", "suspend")
	mk("member", "activate")

	r := tn.Do(t, "POST", base+"/messages.json", url.Values{"subject": {"Maintenance"}, "body": {"Down on Sunday <2h>"}})
	status(t, r, 201)
	m := obj(t, r, "message")
	if m["subject"] != "Maintenance" || m["body"] != "Down on Sunday <2h>" || m["state"] != "sent" || m["created_at"] == nil {
		t.Fatalf("create: %s", r.Body)
	}
	r = tn.Do(t, "POST", base+"/messages.xml", url.Values{"message[subject]": {"Second"}, "message[body]": {"b & c"}})
	status(t, r, 201)
	var x struct {
		Subject string `xml:"subject"`
		Body    string `xml:"body"`
		State   string `xml:"state"`
	}
	accXML(t, r, &x)
	if x.Subject != "Second" || x.Body != "b & c" || x.State != "sent" {
		t.Fatalf("XML create: %s", r.Body)
	}
	// The account reads its messages.
	r = tn.Do(t, "GET", base+"/messages.json", nil)
	msgs := items(t, r, "messages", "message")
	if len(msgs) != 2 || msgs[0]["subject"] != "Maintenance" || msgs[1]["subject"] != "Second" {
		t.Fatalf("list: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+"/messages.xml", nil)
	if !strings.Contains(r.String(), "<messages><message><id>") {
		t.Fatalf("XML list: %s", r.Body)
	}
	// Each admin got an email per message.
	got := map[string]int{}
	for _, e := range accOutbox(t, tn) {
		if e["kind"] == "message" && num(t, e, "account_id") == acc {
			got[text(t, e, "to")]++
		}
	}
	want := map[string]int{text(t, owner, "email"): 2, "admin2@example.com": 2}
	if len(got) != len(want) || got[text(t, owner, "email")] != 2 || got["admin2@example.com"] != 2 {
		t.Fatalf("emails: %v", got)
	}
	// Refusals.
	fieldError(t, tn.Do(t, "POST", base+"/messages.json", url.Values{"body": {"no subject"}}), 422, "subject")
	fieldError(t, tn.Do(t, "POST", base+"/messages.json", url.Values{"subject": {strings.Repeat("s", 256)}}), 422, "subject")
	fieldError(t, tn.Do(t, "POST", base+"/messages.json", url.Values{"subject[]": {"x"}}), 422, "subject")
	status(t, tn.Do(t, "POST", "/admin/api/accounts/999999999/messages.json", url.Values{"subject": {"x"}}), 404)
	status(t, tn.Do(t, "GET", "/admin/api/accounts/999999999/messages.json", nil), 404)
	if len(items(t, tn.Do(t, "GET", base+"/messages.json", nil), "messages", "message")) != 2 {
		t.Fatal("a refused message was stored")
	}
}

func TestOutboxPages(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	base := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id"))
	for i := 0; i < 3; i++ {
		tn.Create(t, base+"/messages.json", "message", url.Values{"subject": {"m" + testenv.S(int64(i))}})
	}
	r := tn.Do(t, "GET", "/admin/api/outbox.json", url.Values{"per_page": {"2"}, "page": {"2"}})
	mails := items(t, r, "emails", "email")
	if len(mails) != 1 || mails[0]["subject"] != "m2" || obj(t, r, "metadata")["total_entries"] != 3.0 {
		t.Fatalf("page 2: %s", r.Body)
	}
	r = tn.Do(t, "GET", "/admin/api/outbox.xml", nil)
	var x struct {
		Emails []string `xml:"email>subject"`
	}
	accXML(t, r, &x)
	if len(x.Emails) != 3 {
		t.Fatalf("XML outbox: %s", r.Body)
	}
	if r := env.NewTenant(t).Do(t, "GET", "/admin/api/outbox.json", nil); r.String() != `{"emails":[]}` {
		t.Fatalf("another tenant's outbox: %s", r.Body)
	}
}

// accRecorder is a Sender that keeps what it is given, failing on demand.
type accRecorder struct {
	mu   sync.Mutex
	sent []*outbox.Email
	fail string // subject that fails
}

func (r *accRecorder) Send(_ context.Context, e *outbox.Email) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Subject == r.fail {
		return errors.New("smtp down")
	}
	r.sent = append(r.sent, e)
	return nil
}

// Delivery hands queued emails to the Sender once, in order, and marks them sent;
// a failure leaves the rest queued for the next run.
func TestOutboxDelivery(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	base := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id"))
	for _, s := range []string{"one", "two", "three"} {
		tn.Create(t, base+"/messages.json", "message", url.Values{"subject": {s}})
	}
	ctx := context.Background()
	s := env.Server.Deps.Store
	rec := &accRecorder{fail: "two"}
	n, err := outbox.Deliver(ctx, s, tn.ID, rec, time.Now())
	if n != 1 || err == nil || len(rec.sent) != 1 || rec.sent[0].Subject != "one" {
		t.Fatalf("first run: %d %v %v", n, err, rec.sent)
	}
	rec.fail = ""
	if n, err = outbox.Deliver(ctx, s, tn.ID, rec, time.Now()); n != 2 || err != nil {
		t.Fatalf("second run: %d %v", n, err)
	}
	if n, err = outbox.Deliver(ctx, s, tn.ID, rec, time.Now()); n != 0 || err != nil {
		t.Fatalf("third run: %d %v", n, err)
	}
	if len(rec.sent) != 3 || rec.sent[1].Subject != "two" || rec.sent[2].Subject != "three" {
		t.Fatalf("sent: %v", rec.sent)
	}
	for _, e := range accOutbox(t, tn) {
		if e["state"] != "sent" || e["sent_at"] == nil {
			t.Fatalf("not marked sent: %v", e)
		}
	}
}
