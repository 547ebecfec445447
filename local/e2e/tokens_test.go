package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestPersonalAccessTokens(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	const base = "/admin/api/personal/access_tokens"
	// Form body, wrapped in "token", scopes as a list.
	r := tn.Do(t, "POST", base+".json", url.Values{"token[name]": {"CI reader"}, "token[permission]": {"ro"},
		"token[scopes][]": {"account_management", "stats"}, "token[expires_at]": {"2099-01-01T00:00:00Z"}})
	status(t, r, 201)
	tok := obj(t, r, "access_token")
	value := text(t, tok, "value")
	if len(value) != 96 || tok["name"] != "CI reader" || tok["permission"] != "ro" || tok["expires_at"] != "2099-01-01T00:00:00Z" {
		t.Fatalf("create: %s", r.Body)
	}
	if sc, ok := tok["scopes"].([]any); !ok || len(sc) != 2 || sc[0] != "account_management" {
		t.Fatalf("scopes: %s", r.Body)
	}
	id := testenv.S(num(t, tok, "id"))
	// Read by id and by value; the value is never shown again.
	for _, key := range []string{id, value} {
		r = tn.Do(t, "GET", base+"/"+key+".json", nil)
		status(t, r, 200)
		if got := obj(t, r, "access_token"); got["name"] != "CI reader" || got["value"] != nil {
			t.Fatalf("read %s: %s", key, r.Body)
		}
	}
	// List, filtered by name.
	rw := accToken(t, env, tn, "rw", "account_management")
	r = tn.Do(t, "GET", base+".json", nil)
	if toks := items(t, r, "access_tokens", "access_token"); len(toks) != 3 { // + the tenant's "Administration" token
		t.Fatalf("list: %s", r.Body)
	}
	r = tn.Do(t, "GET", base+".json", url.Values{"name": {"reader"}})
	if toks := items(t, r, "access_tokens", "access_token"); len(toks) != 1 || toks[0]["value"] != nil {
		t.Fatalf("list by name: %s", r.Body)
	}
	// The new token works, with its permission.
	status(t, env.Do(t, "GET", "/admin/api/accounts.json", url.Values{"access_token": {value}}), 200)
	status(t, env.Do(t, "POST", "/admin/api/signup.json", url.Values{"access_token": {rw}, "org_name": {"x"}, "username": {"by_rw"}}), 201)
	// Delete by id: the token stops working at once.
	r = tn.Do(t, "DELETE", base+"/"+id+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	status(t, env.Do(t, "GET", "/admin/api/accounts.json", url.Values{"access_token": {value}}), 403)
	status(t, tn.Do(t, "GET", base+"/"+id+".json", nil), 404)
	status(t, tn.Do(t, "DELETE", base+"/"+id+".json", nil), 404)
	// Delete by value.
	status(t, tn.Do(t, "DELETE", base+"/"+rw+".json", nil), 200)
	status(t, env.Do(t, "GET", "/admin/api/accounts.json", url.Values{"access_token": {rw}}), 403)
	// JSON only.
	status(t, tn.Do(t, "GET", base+".xml", nil), 406)
	status(t, tn.Do(t, "POST", base, url.Values{"name": {"x"}, "permission": {"rw"}, "scopes[]": {"stats"}}), 406)
	// Another tenant's admin does not see them.
	other := env.NewTenant(t)
	ref := accToken(t, env, tn, "ro", "stats")
	status(t, other.Do(t, "GET", base+"/"+ref+".json", nil), 404)
	if toks := items(t, other.Do(t, "GET", base+".json", nil), "access_tokens", "access_token"); len(toks) != 1 {
		t.Fatal("another tenant lists these tokens")
	}
	// Personal tokens need a user: a provider key has none.
	r = env.Do(t, "GET", base+".json", url.Values{"provider_key": {tn.ProviderKey}})
	status(t, r, 403)
}

func TestAccessTokenValidation(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	const path = "/admin/api/personal/access_tokens.json"
	cases := []struct {
		body   map[string]any
		fields []string
	}{
		{map[string]any{}, []string{"name", "permission", "scopes"}},
		{map[string]any{"name": "x", "permission": "rwx", "scopes": []string{"stats"}}, []string{"permission"}},
		{map[string]any{"name": "x", "permission": "ro", "scopes": []string{"everything"}}, []string{"scopes"}},
		{map[string]any{"name": "x", "permission": "ro", "scopes": []string{""}}, []string{"scopes"}},
		{map[string]any{"name": "x", "permission": "ro", "scopes": map[string]string{"a": "b"}}, []string{"scopes"}},
		{map[string]any{"name": "x", "permission": "ro", "scopes": "stats", "expires_at": "2001-01-01T00:00:00Z"}, []string{"expires_at"}},
		{map[string]any{"name": "x", "permission": "ro", "scopes": "stats", "expires_at": "tomorrow"}, []string{"expires_at"}},
	}
	for i, c := range cases {
		r := accJSON(t, env, "POST", path, tn.Token, map[string]any{"token": c.body})
		for _, f := range c.fields {
			fieldError(t, r, 422, f)
		}
		if n := len(obj(t, r, "errors")); n != len(c.fields) {
			t.Fatalf("case %d: %s", i, r.Body)
		}
	}
	// A token without the account_management scope cannot use the admin API.
	stats := accToken(t, env, tn, "rw", "stats")
	r := env.Do(t, "GET", "/admin/api/accounts.json", url.Values{"access_token": {stats}})
	exactly(t, r, 403, `{"error":"Your access token does not have the correct permissions"}`)
}

// A read-only token reads everything and writes nothing, on every kind of write.
func TestReadOnlyTokenNeverWrites(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	accN := num(t, accDev(t, tn), "id")
	acc := testenv.S(accN)
	user := testenv.S(num(t, accUsers(t, tn, accN)[0], "id"))
	ro := accToken(t, env, tn, "ro", "account_management")
	own := obj(t, accJSON(t, env, "POST", "/admin/api/personal/access_tokens.json", tn.Token,
		map[string]any{"name": "victim", "permission": "rw", "scopes": []string{"stats"}}), "access_token")
	for _, path := range []string{"/admin/api/accounts.json", "/admin/api/accounts/" + acc + ".json", "/admin/api/accounts/" + acc + "/users.json",
		"/admin/api/settings.json", "/admin/api/outbox.json", "/admin/api/accounts/" + acc + "/messages.json"} {
		status(t, env.Do(t, "GET", path, url.Values{"access_token": {ro}}), 200)
	}
	writes := []struct{ method, path string }{
		{"POST", "/admin/api/signup.json"},
		{"PUT", "/admin/api/accounts/" + acc + ".json"},
		{"DELETE", "/admin/api/accounts/" + acc + ".json"},
		{"PUT", "/admin/api/accounts/" + acc + "/make_pending.json"},
		{"POST", "/admin/api/accounts/" + acc + "/users.json"},
		{"PUT", "/admin/api/accounts/" + acc + "/users/" + user + "/suspend.json"},
		{"DELETE", "/admin/api/accounts/" + acc + "/users/" + user + ".json"},
		{"POST", "/admin/api/accounts/" + acc + "/messages.json"},
		{"POST", "/admin/api/accounts/" + acc + "/invitations.json"},
		{"PUT", "/admin/api/settings.json"},
		{"POST", "/admin/api/personal/access_tokens.json"},
		{"DELETE", "/admin/api/personal/access_tokens/" + testenv.S(num(t, own, "id")) + ".json"},
	}
	for _, w := range writes {
		r := env.Do(t, w.method, w.path, url.Values{"access_token": {ro}, "org_name": {"x"}, "username": {"ro_user"},
			"email": {"ro@example.com"}, "subject": {"x"}, "name": {"x"}, "permission": {"rw"}, "scopes[]": {"stats"}})
		exactly(t, r, 403, `{"error":"Your access token does not have the correct permissions"}`)
	}
	// Nothing happened.
	if accState(t, tn, accN) != "approved" || accUsers(t, tn, accN)[0]["state"] != "active" || len(accUsers(t, tn, accN)) != 1 {
		t.Fatal("the account or its user changed")
	}
	if n := len(items(t, tn.Do(t, "GET", "/admin/api/accounts.json", nil), "accounts", "account")); n != 1 {
		t.Fatalf("%d accounts", n)
	}
	status(t, tn.Do(t, "GET", "/admin/api/personal/access_tokens/"+testenv.S(num(t, own, "id"))+".json", nil), 200)
	if len(accOutbox(t, tn)) != 0 {
		t.Fatal("an email was queued")
	}
}
