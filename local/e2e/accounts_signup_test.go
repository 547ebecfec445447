package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestSignupWithPasswordIsApproved(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"Acme"}, "username": {"alice"},
		"email": {"alice@example.com"}, "password": {accPassword}, "annotations[crm]": {"42"}})
	status(t, r, 201)
	acc := obj(t, r, "account")
	if acc["state"] != "approved" || acc["org_name"] != "Acme" || acc["credit_card_stored"] != false ||
		acc["monthly_billing_enabled"] != true || acc["monthly_charging_enabled"] != true {
		t.Fatalf("account: %s", r.Body)
	}
	if inner(t, acc, "annotations")["crm"] != "42" {
		t.Fatalf("annotations: %s", r.Body)
	}
	if _, ok := acc["users"]; ok {
		t.Fatalf("JSON nests no users: %s", r.Body)
	}
	lk := links(t, acc)
	if len(lk) != 2 || !strings.HasSuffix(text(t, lk[0], "href"), "/admin/api/accounts/"+testenv.S(num(t, acc, "id"))) {
		t.Fatalf("links: %v", lk)
	}
	users := accUsers(t, tn, num(t, acc, "id"))
	if len(users) != 1 || users[0]["state"] != "active" || users[0]["role"] != "admin" || users[0]["username"] != "alice" {
		t.Fatalf("users: %v", users)
	}
}

func TestSignupXML(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "POST", "/admin/api/signup.xml", url.Values{"account[org_name]": {"Acme XML"}, "account[username]": {"bob"},
		"account[email]": {"bob@example.com"}, "account[password]": {accPassword}})
	status(t, r, 201)
	var x struct {
		ID      int64     `xml:"id"`
		State   string    `xml:"state"`
		OrgName string    `xml:"org_name"`
		Billing string    `xml:"monthly_billing_enabled"`
		Card    string    `xml:"credit_card_stored"`
		Plans   *struct{} `xml:"plans"`
		Users   []struct {
			ID        int64  `xml:"id"`
			AccountID int64  `xml:"account_id"`
			Username  string `xml:"username"`
			Role      string `xml:"role"`
			State     string `xml:"state"`
		} `xml:"users>user"`
	}
	accXML(t, r, &x)
	if x.State != "approved" || x.OrgName != "Acme XML" || x.Billing != "true" || x.Card != "false" || x.Plans == nil {
		t.Fatalf("account XML: %s", r.Body)
	}
	if len(x.Users) != 1 || x.Users[0].AccountID != x.ID || x.Users[0].Username != "bob" || x.Users[0].Role != "admin" {
		t.Fatalf("users XML: %s", r.Body)
	}
	if !strings.Contains(r.String(), "<account><id>") {
		t.Fatalf("XML root: %s", r.Body)
	}
}

// An admin may leave out the email and the password: the account waits in
// "created" until its user is activated.
func TestMinimalSignupWaitsForActivation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Minimal"}, "username": {"minimal"}})
	if acc["state"] != "created" {
		t.Fatalf("state %v", acc["state"])
	}
	id := num(t, acc, "id")
	users := accUsers(t, tn, id)
	if users[0]["state"] != "pending" || users[0]["email"] != nil {
		t.Fatalf("user: %v", users[0])
	}
	r := tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(id)+"/users/"+testenv.S(num(t, users[0], "id"))+"/activate.json", nil)
	status(t, r, 200)
	if accState(t, tn, id) != "approved" {
		t.Fatal("activating the first user approves the account when no approval is required")
	}
}

// With "account approval required", even a signup with a password waits in
// "created", then in "pending" once its user is active.
func TestSignupHonoursApprovalSetting(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	status(t, accJSON(t, env, "PUT", "/admin/api/settings.json", tn.Token, map[string]any{"account_approval_required": true}), 200)
	acc := accDev(t, tn)
	if acc["state"] != "created" {
		t.Fatalf("state %v", acc["state"])
	}
	id := num(t, acc, "id")
	u := accUsers(t, tn, id)[0]
	if u["state"] != "pending" {
		t.Fatalf("user %v", u)
	}
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(id)+"/users/"+testenv.S(num(t, u, "id"))+"/activate.json", nil), 200)
	if s := accState(t, tn, id); s != "pending" {
		t.Fatalf("state after activation: %s", s)
	}
}

// The account plan bought at signup decides approval, and counts a contract.
func TestSignupWithAccountPlan(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	strict, open := accPlan(t, env, tn, true), accPlan(t, env, tn, false)
	for plan, want := range map[int64]string{strict: "created", open: "approved"} {
		name := testenv.Unique("planned")
		acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {name}, "username": {name},
			"password": {accPassword}, "account_plan_id": {testenv.S(plan)}})
		if acc["state"] != want {
			t.Fatalf("plan %d: state %v, want %s", plan, acc["state"], want)
		}
		if n := accContracts(t, env, tn, plan); n != 1 {
			t.Fatalf("plan %d has %d contracts", plan, n)
		}
		r := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(num(t, acc, "id"))+".xml", nil)
		if !strings.Contains(r.String(), "<plans><plan><id>"+testenv.S(plan)+"</id>") || !strings.Contains(r.String(), "<type>account_plan</type>") {
			t.Fatalf("XML plans: %s", r.Body)
		}
	}
	// Not an account plan of this tenant: 404, as 3scale.
	for _, id := range []string{"999999999", testenv.S(tn.DefaultService)} {
		r := tn.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"x"}, "username": {testenv.Unique("u")}, "account_plan_id": {id}})
		status(t, r, 404)
	}
	other := env.NewTenant(t)
	r := other.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"x"}, "username": {"otheruser"}, "account_plan_id": {testenv.S(open)}})
	status(t, r, 404)
	fieldError(t, tn.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"x"}, "username": {"abcdef"}, "account_plan_id": {"one"}}), 422, "account_plan_id")
}

func TestSignupValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	accDevNamed := func(username, email string) {
		tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Taken"}, "username": {username}, "email": {email}})
	}
	accDevNamed("taken", "taken@example.com")
	cases := []struct {
		form   url.Values
		fields []string
	}{
		{url.Values{}, []string{"org_name", "username"}},
		{url.Values{"org_name": {" "}, "username": {"ab"}}, []string{"org_name", "username"}},
		{url.Values{"org_name": {"x"}, "username": {"bad name"}}, []string{"username"}},
		{url.Values{"org_name": {"x"}, "username": {strings.Repeat("a", 41)}}, []string{"username"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "email": {"not-an-email"}}, []string{"email"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "password": {"short"}}, []string{"password"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "password": {accPassword}, "password_confirmation": {"other"}}, []string{"password_confirmation"}},
		{url.Values{"org_name": {"x"}, "username": {"TAKEN"}}, []string{"username"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "email": {"Taken@Example.com"}}, []string{"email"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "application_plan_id": {"one"}}, []string{"application_plan_id"}},
		{url.Values{"org_name": {"x"}, "username": {"fine"}, "annotations[bad name]": {"v"}}, []string{"annotations"}},
		{url.Values{"org_name": {"x"}, "username[]": {"fine"}}, []string{"username"}},
	}
	for i, c := range cases {
		r := tn.Do(t, "POST", "/admin/api/signup.json", c.form)
		for _, f := range c.fields {
			fieldError(t, r, 422, f)
		}
		if len(obj(t, r, "errors")) != len(c.fields) {
			t.Errorf("case %d: %s", i, r.Body)
		}
	}
	// XML errors are full messages.
	r := tn.Do(t, "POST", "/admin/api/signup.xml", url.Values{"org_name": {"x"}, "username": {"taken"}})
	exactly(t, r, 422, `<?xml version="1.0" encoding="UTF-8"?><errors><error>Username has already been taken</error></errors>`)
	// Nothing was written by the failed signups: the names are still free.
	tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"x"}, "username": {"fine"}, "email": {"fine@example.com"}})
}

// Developers signing up through the portal: only when signups are enabled,
// with an email and a password; approval applies.
func TestPortalSignup(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	form := func(name string) url.Values {
		return url.Values{"org_name": {name}, "username": {name}, "email": {name + "@example.com"}, "password": {accPassword}}
	}
	acc := tn.Create(t, "/admin/api/portal/signup.json", "account", form("portal1"))
	if acc["state"] != "approved" || accUsers(t, tn, num(t, acc, "id"))[0]["state"] != "active" {
		t.Fatalf("portal signup: %v", acc)
	}
	r := tn.Do(t, "POST", "/admin/api/portal/signup.json", url.Values{"org_name": {"x"}, "username": {"portal2"}})
	fieldError(t, r, 422, "email")
	fieldError(t, r, 422, "password")

	status(t, accJSON(t, env, "PUT", "/admin/api/settings.json", tn.Token, map[string]any{"account_approval_required": true}), 200)
	acc = tn.Create(t, "/admin/api/portal/signup.json", "account", form("portal3"))
	if acc["state"] != "pending" {
		t.Fatalf("with approval: %v", acc["state"])
	}
	status(t, accJSON(t, env, "PUT", "/admin/api/settings.json", tn.Token, map[string]any{"signups_enabled": false}), 200)
	r = tn.Do(t, "POST", "/admin/api/portal/signup.json", form("portal4"))
	exactly(t, r, 403, `{"error":"Signups are disabled"}`)
	// The provider's own signup express still works.
	tn.Create(t, "/admin/api/signup.json", "account", form("portal5"))
}

// 16 concurrent signups with one username, then with one email: exactly one wins.
func TestSignupUniquenessUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	codes := accParallel(16, func(i int) int {
		return tn.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"Race"}, "username": {"racer"},
			"email": {testenv.Unique("racer") + "@example.com"}}).Status
	})
	if codes[201] != 1 || codes[422] != 15 {
		t.Fatalf("same username: %v", codes)
	}
	codes = accParallel(16, func(i int) int {
		return tn.Do(t, "POST", "/admin/api/signup.json", url.Values{"org_name": {"Race"}, "username": {testenv.Unique("racer")},
			"email": {"Same@Example.com"}}).Status
	})
	if codes[201] != 1 || codes[422] != 15 {
		t.Fatalf("same email: %v", codes)
	}
	r := tn.Do(t, "GET", "/admin/api/accounts.json", nil)
	if n := len(items(t, r, "accounts", "account")); n != 2 {
		t.Fatalf("%d accounts, want 2", n)
	}
}
