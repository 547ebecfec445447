package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
)

func TestAccountRead(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := accDev(t, tn)
	id := testenv.S(num(t, acc, "id"))
	for _, path := range []string{"/admin/api/accounts/" + id + ".json", "/admin/api/accounts/" + id + ".json?x=1"} {
		r := tn.Do(t, "GET", path, nil)
		status(t, r, 200)
		got := obj(t, r, "account")
		if got["org_name"] != acc["org_name"] || got["state"] != "approved" || got["created_at"] != acc["created_at"] {
			t.Fatalf("read: %s", r.Body)
		}
	}
	// XML, with extension or bare.
	for _, path := range []string{"/admin/api/accounts/" + id + ".xml", "/admin/api/accounts/" + id} {
		r := tn.Do(t, "GET", path, nil)
		status(t, r, 200)
		var x struct {
			ID    int64    `xml:"id"`
			Users []string `xml:"users>user>username"`
		}
		accXML(t, r, &x)
		if testenv.S(x.ID) != id || len(x.Users) != 1 {
			t.Fatalf("XML read: %s", r.Body)
		}
	}
	// Unknown, malformed, and another tenant's ids are not found.
	other := env.NewTenant(t)
	for _, c := range []struct {
		tn   *testenv.Tenant
		path string
	}{{tn, "/admin/api/accounts/999999999.json"}, {tn, "/admin/api/accounts/abc.json"}, {tn, "/admin/api/accounts/-1.json"},
		{other, "/admin/api/accounts/" + id + ".json"}} {
		r := c.tn.Do(t, "GET", c.path, nil)
		exactly(t, r, 404, `{"status":"Not found"}`)
	}
	r := other.Do(t, "GET", "/admin/api/accounts/"+id+".xml", nil)
	if r.Status != 404 || len(r.Body) != 0 {
		t.Fatalf("XML 404 has no body: %d %s", r.Status, r.Body)
	}
	r = env.Do(t, "GET", "/admin/api/accounts/"+id+".json", url.Values{"access_token": {"wrong"}})
	status(t, r, 403)
}

func TestAccountList(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	var ids []int64
	for i := 0; i < 5; i++ {
		ids = append(ids, num(t, accDev(t, tn), "id"))
	}
	r := tn.Do(t, "GET", "/admin/api/accounts.json", nil)
	status(t, r, 200)
	got := items(t, r, "accounts", "account")
	if len(got) != 5 || r.JSON(t)["metadata"] != nil {
		t.Fatalf("list: %s", r.Body)
	}
	for i, it := range got {
		if num(t, it, "id") != ids[i] {
			t.Fatalf("order: %s", r.Body)
		}
	}
	// Pages, with metadata since there is more than one.
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"page": {"2"}, "per_page": {"2"}})
	got = items(t, r, "accounts", "account")
	meta := obj(t, r, "metadata")
	if len(got) != 2 || num(t, got[0], "id") != ids[2] || meta["total_entries"] != 5.0 || meta["total_pages"] != 3.0 ||
		meta["current_page"] != 2.0 || meta["per_page"] != 2.0 {
		t.Fatalf("page 2: %s", r.Body)
	}
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"page": {"3"}, "per_page": {"2"}})
	if got = items(t, r, "accounts", "account"); len(got) != 1 || num(t, got[0], "id") != ids[4] {
		t.Fatalf("page 3: %s", r.Body)
	}
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"page": {"9"}, "per_page": {"2"}})
	if got = items(t, r, "accounts", "account"); len(got) != 0 {
		t.Fatalf("page 9: %s", r.Body)
	}
	// Out-of-range values fall back to the defaults.
	for _, q := range []url.Values{{"per_page": {"0"}}, {"per_page": {"1000"}}, {"page": {"x"}, "per_page": {"y"}}, {"page": {"-3"}}} {
		r = tn.Do(t, "GET", "/admin/api/accounts.json", q)
		if got = items(t, r, "accounts", "account"); len(got) != 5 {
			t.Fatalf("%v: %s", q, r.Body)
		}
	}
	// XML: pagination as attributes; users nested.
	r = tn.Do(t, "GET", "/admin/api/accounts.xml", url.Values{"per_page": {"2"}})
	var x struct {
		PerPage  int `xml:"per_page,attr"`
		Total    int `xml:"total_entries,attr"`
		Accounts []struct {
			ID    int64    `xml:"id"`
			Users []string `xml:"users>user>username"`
		} `xml:"account"`
	}
	accXML(t, r, &x)
	if x.PerPage != 2 || x.Total != 5 || len(x.Accounts) != 2 || len(x.Accounts[1].Users) != 1 {
		t.Fatalf("XML list: %s", r.Body)
	}
	// Filtered by state.
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(ids[1])+"/make_pending.json", nil), 200)
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(ids[3])+"/make_pending.json", nil), 200)
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {"pending"}})
	got = items(t, r, "accounts", "account")
	if len(got) != 2 || num(t, got[0], "id") != ids[1] || num(t, got[1], "id") != ids[3] {
		t.Fatalf("pending: %s", r.Body)
	}
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {"approved"}, "per_page": {"2"}})
	if got = items(t, r, "accounts", "account"); len(got) != 2 || obj(t, r, "metadata")["total_entries"] != 3.0 {
		t.Fatalf("approved: %s", r.Body)
	}
	for _, state := range []string{"rejected", "nonsense"} {
		r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {state}})
		if got = items(t, r, "accounts", "account"); len(got) != 0 {
			t.Fatalf("%s: %s", state, r.Body)
		}
	}
	// Another tenant sees none of them.
	r = env.NewTenant(t).Do(t, "GET", "/admin/api/accounts.json", nil)
	if r.String() != `{"accounts":[]}` {
		t.Fatalf("other tenant: %s", r.Body)
	}
}

func TestAccountFind(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	a, b := accDev(t, tn), accDev(t, tn)
	aUser := accUsers(t, tn, num(t, a, "id"))[0]
	bUser := accUsers(t, tn, num(t, b, "id"))[0]
	find := func(q url.Values) *testenv.Response { return tn.Do(t, "GET", "/admin/api/accounts/find.json", q) }
	for _, q := range []url.Values{
		{"username": {text(t, aUser, "username")}},
		{"username": {strings.ToUpper(text(t, aUser, "username"))}},
		{"email": {text(t, aUser, "email")}},
		{"user_id": {testenv.S(num(t, aUser, "id"))}},
		{"username": {text(t, aUser, "username")}, "email": {text(t, bUser, "email")}}, // username first
		{"user_id": {testenv.S(num(t, aUser, "id"))}, "email": {text(t, bUser, "email")}},
	} {
		r := find(q)
		status(t, r, 200)
		if num(t, obj(t, r, "account"), "id") != num(t, a, "id") {
			t.Fatalf("%v found %s", q, r.Body)
		}
	}
	for _, q := range []url.Values{{}, {"username": {"nobody"}}, {"email": {"nobody@example.com"}}, {"user_id": {"x"}},
		{"user_id": {"999999999"}}, {"username": {""}}, {"email": {""}}, {"user_id": {testenv.S(num(t, a, "id"))}}} {
		status(t, find(q), 404)
	}
	r := tn.Do(t, "GET", "/admin/api/accounts/find.xml", url.Values{"email": {text(t, bUser, "email")}})
	var x struct {
		ID int64 `xml:"id"`
	}
	accXML(t, r, &x)
	if x.ID != num(t, b, "id") {
		t.Fatalf("XML find: %s", r.Body)
	}
	// Another tenant's users are not found.
	status(t, env.NewTenant(t).Do(t, "GET", "/admin/api/accounts/find.json", url.Values{"username": {text(t, aUser, "username")}}), 404)
}

func TestAccountUpdate(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := accDev(t, tn)
	path := "/admin/api/accounts/" + testenv.S(num(t, acc, "id"))
	r := tn.Do(t, "PUT", path+".json", url.Values{"org_name": {"Renamed"}, "annotations[tier]": {"gold"}, "annotations[crm]": {"7"},
		"monthly_billing_enabled": {"false"}})
	status(t, r, 200)
	got := obj(t, r, "account")
	if got["org_name"] != "Renamed" || got["monthly_billing_enabled"] != false || got["monthly_charging_enabled"] != true ||
		inner(t, got, "annotations")["tier"] != "gold" || got["updated_at"] == nil {
		t.Fatalf("update: %s", r.Body)
	}
	// Wrapped params, a JSON body; a blank annotation removes it; fields not sent stay.
	r = accJSON(t, env, "PUT", path+".json", tn.Token, map[string]any{"account": map[string]any{"annotations": map[string]string{"tier": ""},
		"monthly_charging_enabled": false}})
	status(t, r, 200)
	got = obj(t, r, "account")
	notes := inner(t, got, "annotations")
	if got["org_name"] != "Renamed" || notes["tier"] != nil || notes["crm"] != "7" || got["monthly_charging_enabled"] != false ||
		got["monthly_billing_enabled"] != false {
		t.Fatalf("JSON update: %s", r.Body)
	}
	r = tn.Do(t, "PUT", path+".xml", url.Values{"account[org_name]": {"Renamed & Co"}})
	status(t, r, 200)
	if !strings.Contains(r.String(), "<org_name>Renamed &amp; Co</org_name>") || !strings.Contains(r.String(), "<annotations><crm>7</crm></annotations>") {
		t.Fatalf("XML update: %s", r.Body)
	}
	for _, c := range []struct {
		form  url.Values
		field string
	}{
		{url.Values{"org_name": {""}}, "org_name"},
		{url.Values{"monthly_billing_enabled": {"maybe"}}, "monthly_billing_enabled"},
		{url.Values{"annotations": {"flat"}}, "annotations"},
		{url.Values{"annotations[1bad]": {"x"}}, "annotations"},
		{url.Values{"org_name": {strings.Repeat("x", 256)}}, "org_name"},
	} {
		fieldError(t, tn.Do(t, "PUT", path+".json", c.form), 422, c.field)
	}
	// Failed updates changed nothing.
	if obj(t, tn.Do(t, "GET", path+".json", nil), "account")["org_name"] != "Renamed & Co" {
		t.Fatal("a failed update wrote")
	}
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/999999999.json", url.Values{"org_name": {"x"}}), 404)
	// A ro token reads but does not write.
	ro := accToken(t, env, tn, "ro", "account_management")
	status(t, env.Do(t, "GET", path+".json", url.Values{"access_token": {ro}}), 200)
	r = env.Do(t, "PUT", path+".json", url.Values{"access_token": {ro}, "org_name": {"Nope"}})
	exactly(t, r, 403, `{"error":"Your access token does not have the correct permissions"}`)
}

// Concurrent updates of different annotations both land (optimistic writes retry).
func TestAccountConcurrentUpdates(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	path := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id")) + ".json"
	codes := accParallel(8, func(i int) int {
		return tn.Do(t, "PUT", path, url.Values{"annotations[k" + testenv.S(int64(i)) + "]": {"v"}}).Status
	})
	if codes[200] != 8 {
		t.Fatalf("codes %v", codes)
	}
	notes := obj(t, tn.Do(t, "GET", path, nil), "account", "annotations")
	if len(notes) != 8 {
		t.Fatalf("annotations lost: %v", notes)
	}
}

func TestAccountDelete(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 5})
	accPath := "/admin/api/accounts/" + testenv.S(app.Account)
	users := accUsers(t, tn, app.Account)
	tn.Create(t, accPath+"/users.json", "user", url.Values{"username": {"member1"}, "email": {"member1@example.com"}})
	tn.Create(t, accPath+"/messages.json", "message", url.Values{"subject": {"hello"}})
	tn.Create(t, accPath+"/invitations.json", "invitation", url.Values{"email": {"invited@example.com"}})
	plan := accPlan(t, env, tn, false)
	status(t, tn.Do(t, "PUT", accPath+"/change_plan.json", url.Values{"plan_id": {testenv.S(plan)}}), 200)

	r := tn.Do(t, "DELETE", accPath+".json", nil)
	status(t, r, 200)
	if len(r.Body) != 0 {
		t.Fatalf("delete body: %s", r.Body)
	}
	status(t, tn.Do(t, "GET", accPath+".json", nil), 404)
	status(t, tn.Do(t, "DELETE", accPath+".json", nil), 404)
	status(t, tn.Do(t, "GET", "/admin/api/accounts/find.json", url.Values{"username": {text(t, users[0], "username")}}), 404)
	// Nothing of the account is left: items, claims, contracts.
	if accExists(t, env, audience.ApplicationKey(tn.ID, app.ID)) {
		t.Fatal("the application survived")
	}
	for _, k := range []struct{ kind, v string }{{audience.ClaimUserKey, app.UserKey}, {audience.ClaimUsername, "member1"},
		{audience.ClaimEmail, "member1@example.com"}, {audience.ClaimUsername, text(t, users[0], "username")}} {
		if accExists(t, env, audience.ClaimKey(tn.ID, k.kind, k.v)) {
			t.Fatalf("claim %s %s survived", k.kind, k.v)
		}
	}
	if n := accContracts(t, env, tn, app.Plan); n != 0 {
		t.Fatalf("application plan still has %d contracts", n)
	}
	if n := accContracts(t, env, tn, plan); n != 0 {
		t.Fatalf("account plan still has %d contracts", n)
	}
	// The names are free again.
	tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Again"}, "username": {text(t, users[0], "username")},
		"email": {text(t, users[0], "email")}})
	r = tn.Do(t, "DELETE", accPath+".xml", nil)
	if r.Status != 404 || len(r.Body) != 0 {
		t.Fatalf("XML delete of a deleted account: %d %s", r.Status, r.Body)
	}
}

// An account with more users than one transaction holds is deleted in several.
func TestAccountDeleteLarge(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := accDev(t, tn)
	path := "/admin/api/accounts/" + testenv.S(num(t, acc, "id"))
	for i := 0; i < 40; i++ { // 4 writes each: 160 > one transaction
		name := testenv.Unique("bulk")
		tn.Create(t, path+"/users.json", "user", url.Values{"username": {name}, "email": {name + "@example.com"}})
	}
	status(t, tn.Do(t, "DELETE", path+".json", nil), 200)
	status(t, tn.Do(t, "GET", path+".json", nil), 404)
	status(t, tn.Do(t, "GET", path+"/users.json", nil), 404)
	// No user item outlives its account (read-only: the API shows none once the account is gone).
	users, err := audience.AccountUsers(context.Background(), env.Server.Deps.Store, tn.ID, num(t, acc, "id"))
	if err != nil || len(users) != 0 {
		t.Fatalf("%d users left (%v)", len(users), err)
	}
}

// Pages walked in order, then again after accounts were added, removed and
// moved: every page shows the listing as it is now.
func TestAccountPagesFollowChanges(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	var ids []int64
	for i := 0; i < 7; i++ {
		ids = append(ids, num(t, accDev(t, tn), "id"))
	}
	walk := func(state string) []int64 {
		var got []int64
		for page := 1; page <= 5; page++ {
			r := tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {state}, "page": {testenv.S(int64(page))}, "per_page": {"2"}})
			for _, a := range items(t, r, "accounts", "account") {
				got = append(got, num(t, a, "id"))
			}
		}
		return got
	}
	same := func(a, b []int64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	if got := walk(""); !same(got, ids) {
		t.Fatalf("walk: %v, want %v", got, ids)
	}
	// Remove the first, move the second away from "approved", add one.
	status(t, tn.Do(t, "DELETE", "/admin/api/accounts/"+testenv.S(ids[0])+".json", nil), 200)
	status(t, tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(ids[1])+"/reject.json", nil), 200)
	ids = append(ids[1:], num(t, accDev(t, tn), "id"))
	if got := walk(""); !same(got, ids) {
		t.Fatalf("walk after changes: %v, want %v", got, ids)
	}
	if got := walk("approved"); !same(got, ids[1:]) {
		t.Fatalf("approved: %v, want %v", got, ids[1:])
	}
	// Out of order: page 3 first.
	r := tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {"approved"}, "page": {"3"}, "per_page": {"2"}})
	items := items(t, r, "accounts", "account")
	if len(items) != 2 || num(t, items[0], "id") != ids[5] {
		t.Fatalf("page 3: %s", r.Body)
	}
}
