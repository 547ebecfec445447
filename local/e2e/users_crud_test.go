package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestUserCRUD(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := num(t, accDev(t, tn), "id")
	base := "/admin/api/accounts/" + testenv.S(acc) + "/users"
	r := tn.Do(t, "POST", base+".json", url.Values{"username": {"carol"}, "email": {"carol@example.com"}, "password": {accPassword}})
	status(t, r, 201)
	u := obj(t, r, "user")
	if u["state"] != "pending" || u["role"] != "member" || u["username"] != "carol" || u["email"] != "carol@example.com" || u["password"] != nil {
		t.Fatalf("create: %s", r.Body)
	}
	lk := links(t, u)
	if !strings.HasSuffix(text(t, lk[1], "href"), base+"/"+testenv.S(num(t, u, "id"))) {
		t.Fatalf("links: %v", lk)
	}
	id := testenv.S(num(t, u, "id"))
	// Read, JSON and XML.
	r = tn.Do(t, "GET", base+"/"+id+".json", nil)
	if obj(t, r, "user")["username"] != "carol" {
		t.Fatalf("read: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+"/"+id+".xml", nil)
	var x struct {
		ID        int64  `xml:"id"`
		AccountID int64  `xml:"account_id"`
		State     string `xml:"state"`
		Role      string `xml:"role"`
		Username  string `xml:"username"`
		Email     string `xml:"email"`
	}
	accXML(t, r, &x)
	if x.AccountID != acc || x.Username != "carol" || x.Role != "member" || x.State != "pending" || x.Email != "carol@example.com" {
		t.Fatalf("XML read: %s", r.Body)
	}
	// Update: fields not sent stay.
	r = tn.Do(t, "PUT", base+"/"+id+".json", url.Values{"user[email]": {"carol2@example.com"}})
	status(t, r, 200)
	if u = obj(t, r, "user"); u["email"] != "carol2@example.com" || u["username"] != "carol" {
		t.Fatalf("update: %s", r.Body)
	}
	r = accJSON(t, env, "PUT", base+"/"+id+".json", tn.Token, map[string]any{"username": "Carol"}) // case only
	if obj(t, r, "user")["username"] != "Carol" {
		t.Fatalf("rename: %s", r.Body)
	}
	r = tn.Do(t, "PUT", base+"/"+id+".xml", url.Values{"username": {"carol_x"}})
	status(t, r, 200)
	if !strings.Contains(r.String(), "<username>carol_x</username>") {
		t.Fatalf("XML update: %s", r.Body)
	}
	// The old username and email are free again, the new ones are taken.
	other := num(t, accDev(t, tn), "id")
	otherBase := "/admin/api/accounts/" + testenv.S(other) + "/users.json"
	tn.Create(t, otherBase, "user", url.Values{"username": {"carol"}, "email": {"carol@example.com"}})
	fieldError(t, tn.Do(t, "POST", otherBase, url.Values{"username": {"CAROL_X"}, "email": {"new@example.com"}}), 422, "username")
	fieldError(t, tn.Do(t, "POST", otherBase, url.Values{"username": {"newname"}, "email": {"CAROL2@example.com"}}), 422, "email")
	fieldError(t, tn.Do(t, "PUT", base+"/"+id+".json", url.Values{"username": {"carol"}}), 422, "username")
	// List, with filters.
	users := accUsers(t, tn, acc)
	if len(users) != 2 || users[0]["role"] != "admin" || users[1]["username"] != "carol_x" {
		t.Fatalf("list: %v", users)
	}
	for q, want := range map[string]int{"state=active": 1, "state=pending": 1, "role=admin": 1, "role=member": 1,
		"state=active&role=member": 0, "state=suspended": 0} {
		r := tn.Do(t, "GET", base+".json?"+q, nil)
		if n := len(items(t, r, "users", "user")); n != want {
			t.Fatalf("%s: %d users", q, n)
		}
	}
	r = tn.Do(t, "GET", base+".xml", nil)
	var xl struct {
		Users []string `xml:"user>username"`
	}
	accXML(t, r, &xl)
	if len(xl.Users) != 2 {
		t.Fatalf("XML list: %s", r.Body)
	}
	// Delete: 200, empty; then gone, and its names free.
	r = tn.Do(t, "DELETE", base+"/"+id+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	status(t, tn.Do(t, "GET", base+"/"+id+".json", nil), 404)
	status(t, tn.Do(t, "DELETE", base+"/"+id+".json", nil), 404)
	tn.Create(t, otherBase, "user", url.Values{"username": {"carol_x"}, "email": {"carol2@example.com"}})
	// Another account's path does not reach the user.
	status(t, tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(other)+"/users/"+testenv.S(num(t, users[0], "id"))+".json", nil), 404)
}

func TestUserValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	base := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id")) + "/users"
	cases := []struct {
		form   url.Values
		fields []string
	}{
		{url.Values{}, []string{"username", "email"}},
		{url.Values{"username": {"ok_name"}, "email": {"a@b.c"}}, []string{"email"}},
		{url.Values{"username": {"ok_name"}, "email": {"nope"}}, []string{"email"}},
		{url.Values{"username": {"ok_name"}, "email": {"ok@example.com"}, "password": {"short"}}, []string{"password"}},
		{url.Values{"username": {"ok_name"}, "email": {"ok@example.com"}, "password": {accPassword}, "password_confirmation": {"x"}}, []string{"password_confirmation"}},
		{url.Values{"username": {"no spaces"}, "email": {"ok@example.com"}}, []string{"username"}},
	}
	for _, c := range cases {
		r := tn.Do(t, "POST", base+".json", c.form)
		for _, f := range c.fields {
			fieldError(t, r, 422, f)
		}
	}
	status(t, tn.Do(t, "POST", "/admin/api/accounts/999999999/users.json", url.Values{"username": {"ok_name"}, "email": {"ok@example.com"}}), 404)
	id := testenv.S(num(t, tn.Create(t, base+".json", "user", url.Values{"username": {"ok_name"}, "email": {"ok@example.com"}}), "id"))
	fieldError(t, tn.Do(t, "PUT", base+"/"+id+".json", url.Values{"email": {""}}), 422, "email")
	fieldError(t, tn.Do(t, "PUT", base+"/"+id+".json", url.Values{"password": {"short"}}), 422, "password")
	status(t, tn.Do(t, "PUT", base+"/999999999.json", url.Values{"email": {"x@example.com"}}), 404)
	r := tn.Do(t, "POST", base+".xml", url.Values{"username": {"x"}, "email": {"ok2@example.com"}})
	status(t, r, 422)
	if !strings.Contains(r.String(), "<error>Username is too short (minimum is 3 characters)</error>") {
		t.Fatalf("XML: %s", r.Body)
	}
}

// 16 concurrent creates of one username (in different accounts), then of one
// email: exactly one wins each time.
func TestUserUniquenessUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	accs := []int64{num(t, accDev(t, tn), "id"), num(t, accDev(t, tn), "id")}
	for _, same := range []string{"username", "email"} {
		codes := accParallel(16, func(i int) int {
			name := testenv.Unique("u")
			form := url.Values{"username": {name}, "email": {name + "@example.com"}}
			form.Set(same, map[string]string{"username": "samename", "email": "same@example.com"}[same])
			return tn.Do(t, "POST", "/admin/api/accounts/"+testenv.S(accs[i%2])+"/users.json", form).Status
		})
		if codes[201] != 1 || codes[422] != 15 {
			t.Fatalf("same %s: %v", same, codes)
		}
	}
	// Renaming concurrently to one name: exactly one wins.
	var ids []string
	for i := 0; i < 16; i++ {
		name := testenv.Unique("r")
		ids = append(ids, testenv.S(num(t, tn.Create(t, "/admin/api/accounts/"+testenv.S(accs[0])+"/users.json", "user",
			url.Values{"username": {name}, "email": {name + "@example.com"}}), "id")))
	}
	codes := accParallel(16, func(i int) int {
		return tn.Do(t, "PUT", "/admin/api/accounts/"+testenv.S(accs[0])+"/users/"+ids[i]+".json", url.Values{"username": {"renamed"}}).Status
	})
	if codes[200] != 1 || codes[422] != 15 {
		t.Fatalf("rename: %v", codes)
	}
}
