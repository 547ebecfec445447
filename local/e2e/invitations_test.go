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
	accStatus(t, r, 200)
	return accItems(t, r, "emails", "email")
}

// accInvitationTokenFor finds the token of the last invitation emailed to an address.
func accInvitationTokenFor(t testing.TB, tn *testenv.Tenant, email string) string {
	t.Helper()
	token := ""
	for _, e := range accOutbox(t, tn) {
		if e["to"] == email && e["kind"] == "invitation" {
			m := accInvitationToken.FindStringSubmatch(e["body"].(string))
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
	base := "/admin/api/accounts/" + testenv.S(accID(acc["id"])) + "/invitations"
	r := tn.Do(t, "POST", base+".json", url.Values{"email": {"dana@example.com"}})
	accStatus(t, r, 201)
	inv := accObj(t, r, "invitation")
	if inv["state"] != "pending" || inv["email"] != "dana@example.com" || accID(inv["account_id"]) != accID(acc["id"]) ||
		inv["accepted_at"] != nil || strings.Contains(r.String(), "token") {
		t.Fatalf("create: %s", r.Body)
	}
	id := testenv.S(accID(inv["id"]))
	// The invitee is emailed, with the subject naming the account.
	mails := accOutbox(t, tn)
	if len(mails) != 1 || mails[0]["to"] != "dana@example.com" || mails[0]["state"] != "queued" ||
		mails[0]["subject"] != "Invitation to join "+acc["org_name"].(string) {
		t.Fatalf("outbox: %v", mails)
	}
	token := accInvitationTokenFor(t, tn, "dana@example.com")
	// Read and list, JSON and XML.
	if accObj(t, tn.Do(t, "GET", base+"/"+id+".json", nil), "invitation")["email"] != "dana@example.com" {
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
	accStatus(t, r, 201)
	accXML(t, r, &x)
	if x.Email != "erin@example.com" {
		t.Fatalf("XML create: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+".json", nil)
	if invs := accItems(t, r, "invitations", "invitation"); len(invs) != 2 || invs[0]["email"] != "dana@example.com" {
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
	accFieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"DANA@example.com"}}), "email")
	owner := accUsers(t, tn, accID(acc["id"]))[0]
	accFieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {owner["email"].(string)}}), "email")
	accFieldError(t, tn.Do(t, "POST", base+".json", nil), "email")
	accFieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"nope"}}), "email")
	accStatus(t, tn.Do(t, "POST", "/admin/api/accounts/999999999/invitations.json", url.Values{"email": {"x@example.com"}}), 404)

	// Accepting creates an active member with the invited address, once.
	accept := func(form url.Values) *testenv.Response {
		return tn.Do(t, "POST", "/admin/api/invitations/accept.json", form)
	}
	accFieldError(t, accept(url.Values{"invitation_token": {token}, "username": {"dana"}}), "password")
	accFieldError(t, accept(url.Values{"invitation_token": {token}, "username": {owner["username"].(string)}, "password": {accPassword}}), "username")
	accFieldError(t, accept(url.Values{"username": {"dana"}, "password": {accPassword}}), "invitation_token")
	accStatus(t, accept(url.Values{"invitation_token": {"0123abcd"}, "username": {"dana"}, "password": {accPassword}}), 404)
	r = accept(url.Values{"invitation_token": {token}, "username": {"dana"}, "password": {accPassword}})
	accStatus(t, r, 201)
	u := accObj(t, r, "user")
	if u["username"] != "dana" || u["email"] != "dana@example.com" || u["role"] != "member" || u["state"] != "active" {
		t.Fatalf("accept: %s", r.Body)
	}
	accStatus(t, accept(url.Values{"invitation_token": {token}, "username": {"dana2"}, "password": {accPassword}}), 404)
	inv = accObj(t, tn.Do(t, "GET", base+"/"+id+".json", nil), "invitation")
	if inv["state"] != "accepted" || accID(inv["user_id"]) != accID(u["id"]) || inv["accepted_at"] == nil {
		t.Fatalf("accepted invitation: %v", inv)
	}
	if len(accUsers(t, tn, accID(acc["id"]))) != 2 {
		t.Fatal("the user is not in the account")
	}
	// Now the address is a user's: no new invitation for it.
	accFieldError(t, tn.Do(t, "POST", base+".json", url.Values{"email": {"dana@example.com"}}), "email")

	// Withdrawing a pending invitation kills its token.
	erin := testenv.S(accID(accItems(t, tn.Do(t, "GET", base+".json", nil), "invitations", "invitation")[1]["id"]))
	erinToken := accInvitationTokenFor(t, tn, "erin@example.com")
	r = tn.Do(t, "DELETE", base+"/"+erin+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	accStatus(t, tn.Do(t, "GET", base+"/"+erin+".json", nil), 404)
	accStatus(t, accept(url.Values{"invitation_token": {erinToken}, "username": {"erin"}, "password": {accPassword}}), 404)
	// and frees the address for a new invitation.
	tn.Create(t, base+".json", "invitation", url.Values{"email": {"erin@example.com"}})
	// Deleting an accepted invitation keeps its user.
	accStatus(t, tn.Do(t, "DELETE", base+"/"+id+".json", nil), 200)
	if len(accUsers(t, tn, accID(acc["id"]))) != 2 {
		t.Fatal("deleting the accepted invitation removed the user")
	}
	// Another tenant cannot use the token of this one.
	other := env.NewTenant(t)
	tok := accInvitationTokenFor(t, tn, "erin@example.com")
	r = other.Do(t, "POST", "/admin/api/invitations/accept.json", url.Values{"invitation_token": {tok}, "username": {"erin"}, "password": {accPassword}})
	accStatus(t, r, 404)
}

// One token accepted 16 times at once: exactly one user is created.
func TestInvitationAcceptedOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := accID(accDev(t, tn)["id"])
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
