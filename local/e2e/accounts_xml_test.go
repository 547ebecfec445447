package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The XML side of the operations the other tests mostly drive in JSON.
func TestAccountsXML(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	xmlState := func(r *testenv.Response, root string) string {
		t.Helper()
		status(t, r, 200)
		var x struct {
			State string `xml:"state"`
		}
		accXML(t, r, &x)
		if !strings.Contains(r.String(), "?><"+root+">") {
			t.Fatalf("root is not <%s>: %s", root, r.Body)
		}
		return x.State
	}
	// Account events, bare paths (XML).
	acc := testenv.S(num(t, accDev(t, tn), "id"))
	for _, step := range []struct{ event, state string }{{"reject", "rejected"}, {"make_pending", "pending"}, {"suspend", "suspended"},
		{"resume", "approved"}, {"schedule_for_deletion", "scheduled_for_deletion"}, {"resume", "approved"}} {
		if got := xmlState(tn.Do(t, "PUT", "/admin/api/accounts/"+acc+"/"+step.event, nil), "account"); got != step.state {
			t.Fatalf("%s: %s", step.event, got)
		}
	}
	// Users.
	base := "/admin/api/accounts/" + acc + "/users"
	r := tn.Do(t, "POST", base+".xml", url.Values{"username": {"xml_user"}, "email": {"xml_user@example.com"}})
	status(t, r, 201)
	var u struct {
		ID int64 `xml:"id"`
	}
	accXML(t, r, &u)
	id := testenv.S(u.ID)
	for _, step := range []struct{ event, field, want string }{{"activate", "<state>", "active"}, {"suspend", "<state>", "suspended"},
		{"unsuspend", "<state>", "active"}, {"admin", "<role>", "admin"}, {"member", "<role>", "member"}} {
		r := tn.Do(t, "PUT", base+"/"+id+"/"+step.event+".xml", nil)
		status(t, r, 200)
		if !strings.Contains(r.String(), step.field+step.want+"<") {
			t.Fatalf("%s: %s", step.event, r.Body)
		}
	}
	r = tn.Do(t, "PUT", base+"/"+id+"/unsuspend.xml", nil)
	status(t, r, 422)
	if !strings.Contains(r.String(), "<errors><error>State cannot transition via") {
		t.Fatalf("XML refusal: %s", r.Body)
	}
	r = tn.Do(t, "DELETE", base+"/"+id+".xml", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("XML user delete: %d %s", r.Status, r.Body)
	}
	// Invitations: withdraw and accept in XML.
	inv := tn.Do(t, "POST", "/admin/api/accounts/"+acc+"/invitations.xml", url.Values{"email": {"xml_inv@example.com"}})
	status(t, inv, 201)
	token := accInvitationTokenFor(t, tn, "xml_inv@example.com")
	r = tn.Do(t, "POST", "/admin/api/invitations/accept.xml", url.Values{"invitation_token": {token}, "username": {"xml_inv"}, "password": {accPassword}})
	status(t, r, 201)
	if !strings.Contains(r.String(), "<username>xml_inv</username>") || !strings.Contains(r.String(), "<role>member</role>") {
		t.Fatalf("XML accept: %s", r.Body)
	}
	var iv struct {
		ID int64 `xml:"id"`
	}
	accXML(t, inv, &iv)
	r = tn.Do(t, "DELETE", "/admin/api/accounts/"+acc+"/invitations/"+testenv.S(iv.ID)+".xml", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("XML invitation delete: %d %s", r.Status, r.Body)
	}
	// Portal signup, and deleting an account, in XML.
	r = tn.Do(t, "POST", "/admin/api/portal/signup.xml", url.Values{"org_name": {"Portal XML"}, "username": {"portal_xml"},
		"email": {"portal_xml@example.com"}, "password": {accPassword}})
	status(t, r, 201)
	if !strings.Contains(r.String(), "<state>approved</state>") || !strings.Contains(r.String(), "<users><user>") {
		t.Fatalf("XML portal signup: %s", r.Body)
	}
	r = tn.Do(t, "DELETE", "/admin/api/accounts/"+acc+".xml", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("XML account delete: %d %s", r.Status, r.Body)
	}
}
