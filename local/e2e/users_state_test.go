package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// Every user event from every state.
func TestUserStateMachine(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	base := "/admin/api/accounts/" + testenv.S(num(t, accDev(t, tn), "id")) + "/users/"
	reach := func(state string) string {
		name := testenv.Unique("us")
		id := testenv.S(num(t, tn.Create(t, base[:len(base)-1]+".json", "user", url.Values{"username": {name}, "email": {name + "@example.com"}}), "id"))
		for _, ev := range map[string][]string{"pending": {}, "active": {"activate"}, "suspended": {"activate", "suspend"}}[state] {
			status(t, tn.Do(t, "PUT", base+id+"/"+ev+".json", nil), 200)
		}
		return id
	}
	allowed := map[string]map[string]string{
		"activate":  {"pending": "active", "active": "active"},
		"suspend":   {"active": "suspended", "suspended": "suspended"},
		"unsuspend": {"suspended": "active"},
	}
	for event, m := range allowed {
		for _, from := range []string{"pending", "active", "suspended"} {
			id := reach(from)
			r := tn.Do(t, "PUT", base+id+"/"+event+".json", nil)
			if to, ok := m[from]; ok {
				status(t, r, 200)
				if got := obj(t, r, "user")["state"]; got != to {
					t.Fatalf("%s from %s: %v", event, from, got)
				}
			} else {
				fieldError(t, r, 422, "state")
				if got := obj(t, tn.Do(t, "GET", base+id+".json", nil), "user")["state"]; got != from {
					t.Fatalf("refused %s moved %s to %v", event, from, got)
				}
			}
		}
	}
	r := tn.Do(t, "PUT", base+reach("active")+"/suspend.xml", nil)
	status(t, r, 200)
	var x struct {
		State string `xml:"state"`
	}
	accXML(t, r, &x)
	if x.State != "suspended" {
		t.Fatalf("XML suspend: %s", r.Body)
	}
	status(t, tn.Do(t, "PUT", base+"999999999/activate.json", nil), 404)
}

// Roles: a member becomes admin and back; the account's only admin can be
// neither demoted (422) nor deleted (403).
func TestUserRoles(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := num(t, accDev(t, tn), "id")
	base := "/admin/api/accounts/" + testenv.S(acc) + "/users/"
	admin := testenv.S(num(t, accUsers(t, tn, acc)[0], "id"))
	r := tn.Do(t, "PUT", base+admin+"/member.json", nil)
	fieldError(t, r, 422, "role")
	r = tn.Do(t, "DELETE", base+admin+".json", nil)
	exactly(t, r, 403, `{"errors":{"base":["the account's only admin cannot be deleted"]}}`)
	r = tn.Do(t, "DELETE", base+admin+".xml", nil)
	exactly(t, r, 403, `<?xml version="1.0" encoding="UTF-8"?><errors><error>the account's only admin cannot be deleted</error></errors>`)
	member := testenv.S(num(t, tn.Create(t, base[:len(base)-1]+".json", "user", url.Values{"username": {"member1"}, "email": {"member1@example.com"}}), "id"))
	r = tn.Do(t, "PUT", base+member+"/admin.json", nil)
	if obj(t, r, "user")["role"] != "admin" {
		t.Fatalf("admin: %s", r.Body)
	}
	status(t, tn.Do(t, "PUT", base+member+"/admin.json", nil), 200) // already admin: unchanged
	r = tn.Do(t, "PUT", base+admin+"/member.xml", nil)
	status(t, r, 200)
	var x struct {
		Role string `xml:"role"`
	}
	accXML(t, r, &x)
	if x.Role != "member" {
		t.Fatalf("XML member: %s", r.Body)
	}
	status(t, tn.Do(t, "PUT", base+admin+"/member.json", nil), 200) // already member: unchanged
	// Now the promoted user is the only admin.
	fieldError(t, tn.Do(t, "PUT", base+member+"/member.json", nil), 422, "role")
	status(t, tn.Do(t, "DELETE", base+admin+".json", nil), 200)
	status(t, tn.Do(t, "DELETE", base+member+".json", nil), 403)
}

// Two admins deleted at once, 16 times each: an admin always remains.
func TestUserLastAdminUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	acc := num(t, accDev(t, tn), "id")
	base := "/admin/api/accounts/" + testenv.S(acc) + "/users/"
	first := testenv.S(num(t, accUsers(t, tn, acc)[0], "id"))
	second := testenv.S(num(t, tn.Create(t, base[:len(base)-1]+".json", "user", url.Values{"username": {"second"}, "email": {"second@example.com"}}), "id"))
	status(t, tn.Do(t, "PUT", base+second+"/admin.json", nil), 200)
	codes := accParallel(16, func(i int) int {
		id := first
		if i%2 == 1 {
			id = second
		}
		if i%4 < 2 {
			return tn.Do(t, "DELETE", base+id+".json", nil).Status
		}
		return tn.Do(t, "PUT", base+id+"/member.json", nil).Status
	})
	admins := 0
	for _, u := range accUsers(t, tn, acc) {
		if u["role"] == "admin" {
			admins++
		}
	}
	if admins != 1 {
		t.Fatalf("%d admins left (%v)", admins, codes)
	}
}
