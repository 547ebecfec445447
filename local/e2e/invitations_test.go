package e2e

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

var accInvitationToken = regexp.MustCompile(`Invitation token: ([0-9a-f]+)`)

// accOutbox lists the tenant's outbox.
func accOutbox(t testing.TB, tn *testenv.Tenant) []map[string]any {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/outbox.json", nil)
	status(t, r, 200)
	return items(t, r, "emails", "email")
}

// accInvitationTokenFor finds the token of the last invitation emailed to an address.
func accInvitationTokenFor(t testing.TB, tn *testenv.Tenant, email string) string {
	t.Helper()
	token := ""
	for _, e := range accOutbox(t, tn) {
		if e["to"] == email && e["kind"] == "invitation" {
			m := accInvitationToken.FindStringSubmatch(text(t, e, "body"))
			if m == nil {
				t.Fatalf("no token in %v", e)
			}
			token = m[1]
		}
	}
	if token == "" {
		t.Fatalf("no invitation emailed to %s", email)
	}
	return token
}

func TestInvitations(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := accDev(t, tn)
	base := "/admin/api/accounts/" + testenv.S(num(t, acc, "id")) + "/invitations"
	r := tn.Do(t, "POST", base+".json", url.Values{"email": {"dana@example.com"}})
	status(t, r, 201)
	inv := obj(t, r, "invitation")
	if inv["state"] != "pending" || inv["email"] != "dana@example.com" || num(t, inv, "account_id") != num(t, acc, "id") ||
		inv["accepted_at"] != nil || strings.Contains(r.String(), "token") {
		t.Fatalf("create: %s", r.Body)
	}
	id := testenv.S(num(t, inv, "id"))
	// The invitee is emailed, with the subject naming the account.
	mails := accOutbox(t, tn)
	if len(mails) != 1 || mails[0]["to"] != "dana@example.com" || mails[0]["state"] != "queued" ||
		mails[0]["subject"] != "Invitation to join "+text(t, acc, "org_name") {
		t.Fatalf("outbox: %v", mails)
	}
	token := accInvitationTokenFor(t, tn, "dana@example.com")
	// Read and list, JSON and XML.
	if obj(t, tn.Do(t, "GET", base+"/"+id+".json", nil), "invitation")["email"] != "dana@example.com" {
		t.Fatal("read")
	}
	r = tn.Do(t, "GET", base+"/"+id+".xml", nil)
	var x struct {
		Email string `xml:"email"`
		State string `xml:"state"`
	}
	accXML(t, r, &x)
	if x.Email != "dana@example.com" || x.State != "pending" {
		t.Fatalf("XML read: %s", r.Body)
	}
	r = tn.Do(t, "POST", base+".xml", url.Values{"invitation[email]": {"erin@example.com"}})
	status(t, r, 201)
	accXML(t, r, &x)
	if x.Email != "erin@example.com" {
		t.Fatalf("XML create: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+".json", nil)
	if invs := items(t, r, "invitations", "invitation"); len(invs) != 2 || invs[0]["email"] != "dana@example.com" {
		t.Fatalf("list: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+".xml", nil)
	var xl struct {
		Emails []string `xml:"invitation>email"`
	}
	accXML(t, r, &xl)
	if len(xl.Emails) != 2 {
		t.Fatalf("XML list: %s", r.Body)
	}
	// Refused: a second pending invitation for the address, a known user's address, bad input.
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"DANA@example.com"}}), 422, "email")
	owner := accUsers(t, tn, num(t, acc, "id"))[0]
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {text(t, owner, "email")}}), 422, "email")
	fieldError(t, tn.Do(t, "POST", base+".json", nil), 422, "email")
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"nope"}}), 422, "email")
	status(t, tn.Do(t, "POST", "/admin/api/accounts/999999999/invitations.json", url.Values{"email": {"x@example.com"}}), 404)

	// Accepting creates an active member with the invited address, once.
	accept := func(form url.Values) *testenv.Response {
		return tn.Do(t, "POST", "/admin/api/invitations/accept.json", form)
	}
	fieldError(t, accept(url.Values{"invitation_token": {token}, "username": {"dana"}}), 422, "password")
	fieldError(t, accept(url.Values{"invitation_token": {token}, "username": {text(t, owner, "username")}, "password": {accPassword}}), 422, "username")
	fieldError(t, accept(url.Values{"username": {"dana"}, "password": {accPassword}}), 422, "invitation_token")
	status(t, accept(url.Values{"invitation_token": {"0123abcd"}, "username": {"dana"}, "password": {accPassword}}), 404)
	r = accept(url.Values{"invitation_token": {token}, "username": {"dana"}, "password": {accPassword}})
	status(t, r, 201)
	u := obj(t, r, "user")
	if u["username"] != "dana" || u["email"] != "dana@example.com" || u["role"] != "member" || u["state"] != "active" {
		t.Fatalf("accept: %s", r.Body)
	}
	status(t, accept(url.Values{"invitation_token": {token}, "username": {"dana2"}, "password": {accPassword}}), 404)
	inv = obj(t, tn.Do(t, "GET", base+"/"+id+".json", nil), "invitation")
	if inv["state"] != "accepted" || num(t, inv, "user_id") != num(t, u, "id") || inv["accepted_at"] == nil {
		t.Fatalf("accepted invitation: %v", inv)
	}
	if len(accUsers(t, tn, num(t, acc, "id"))) != 2 {
		t.Fatal("the user is not in the account")
	}
	// Now the address is a user's: no new invitation for it.
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"dana@example.com"}}), 422, "email")

	// Withdrawing a pending invitation kills its token.
	erin := testenv.S(num(t, items(t, tn.Do(t, "GET", base+".json", nil), "invitations", "invitation")[1], "id"))
	erinToken := accInvitationTokenFor(t, tn, "erin@example.com")
	r = tn.Do(t, "DELETE", base+"/"+erin+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	status(t, tn.Do(t, "GET", base+"/"+erin+".json", nil), 404)
	status(t, accept(url.Values{"invitation_token": {erinToken}, "username": {"erin"}, "password": {accPassword}}), 404)
	// and frees the address for a new invitation.
	tn.Create(t, base+".json", "invitation", url.Values{"email": {"erin@example.com"}})
	// Deleting an accepted invitation keeps its user.
	status(t, tn.Do(t, "DELETE", base+"/"+id+".json", nil), 200)
	if len(accUsers(t, tn, num(t, acc, "id"))) != 2 {
		t.Fatal("deleting the accepted invitation removed the user")
	}
	// Another tenant cannot use the token of this one.
	other := env.NewTenant(t)
	tok := accInvitationTokenFor(t, tn, "erin@example.com")
	r = other.Do(t, "POST", "/admin/api/invitations/accept.json", url.Values{"invitation_token": {tok}, "username": {"erin"}, "password": {accPassword}})
	status(t, r, 404)
}

// One token accepted 16 times at once: exactly one user is created.
func TestInvitationAcceptedOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := num(t, accDev(t, tn), "id")
	tn.Create(t, "/admin/api/accounts/"+testenv.S(acc)+"/invitations.json", "invitation", url.Values{"email": {"once@example.com"}})
	token := accInvitationTokenFor(t, tn, "once@example.com")
	codes := accParallel(16, func(i int) int {
		return tn.Do(t, "POST", "/admin/api/invitations/accept.json", url.Values{"invitation_token": {token},
			"username": {testenv.Unique("once")}, "password": {accPassword}}).Status
	})
	if codes[201] != 1 {
		t.Fatalf("codes %v", codes)
	}
	if n := len(accUsers(t, tn, acc)); n != 2 {
		t.Fatalf("%d users", n)
	}
}
