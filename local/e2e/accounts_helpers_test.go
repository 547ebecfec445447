package e2e

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// Helpers of the accounts, users, messages, settings and tokens tests.

const accPassword = "a-long-enough-password"

// accDev signs a developer up (approved, with an active admin) and returns the account.
func accDev(t testing.TB, tn *testenv.Tenant) map[string]any {
	t.Helper()
	name := testenv.Unique("dev")
	return tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {name + " Inc"}, "username": {name},
		"email": {name + "@example.com"}, "password": {accPassword}})
}

// accUsers lists an account's users.
func accUsers(t testing.TB, tn *testenv.Tenant, account int64) []map[string]any {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(account)+"/users.json", nil)
	status(t, r, 200)
	return items(t, r, "users", "user")
}

// accXML decodes an XML body into v, failing on malformed XML.
func accXML(t testing.TB, r *testenv.Response, v any) {
	t.Helper()
	if !strings.HasPrefix(r.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Fatalf("not an XML document: %s", r.Body)
	}
	if err := xml.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("bad XML (%v): %s", err, r.Body)
	}
}

// accState reads an account's state.
func accState(t testing.TB, tn *testenv.Tenant, account int64) string {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(account)+".json", nil)
	status(t, r, 200)
	return text(t, obj(t, r, "account"), "state")
}

// accPlan creates a published account plan through the catalog's API.
func accPlan(t testing.TB, env *testenv.Env, tn *testenv.Tenant, approval bool) int64 {
	t.Helper()
	return testenv.ID(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{
		"name": {testenv.Unique("account plan ")}, "system_name": {testenv.Unique("account_plan_")},
		"approval_required": {strconv.FormatBool(approval)}, "state_event": {"publish"}}))
}

// accContracts reads a plan's contract count from the store.
func accContracts(t testing.TB, env *testenv.Env, tn *testenv.Tenant, plan int64) int64 {
	t.Helper()
	p, err := catalog.LoadPlan(context.Background(), env.Server.Deps.Store, tn.ID, plan, "")
	if err != nil {
		t.Fatal(err)
	}
	return p.Contracts
}

// accExists tells whether an item is in the store.
func accExists(t testing.TB, env *testenv.Env, k store.Key) bool {
	t.Helper()
	var m map[string]any
	err := env.Server.Deps.Store.Get(context.Background(), k.PK, k.SK, &m)
	if err != nil && err != store.ErrNotFound {
		t.Fatal(err)
	}
	return err == nil
}

// accJSON sends a JSON body.
func accJSON(t testing.TB, env *testenv.Env, method, path, token string, body any) *testenv.Response {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return env.Raw(t, method, path+sep+"access_token="+url.QueryEscape(token), "application/json", b)
}

// accParallel runs f n times at once and counts the statuses.
func accParallel(n int, f func(i int) int) map[int]int {
	codes := make(chan int, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() {
			<-start
			codes <- f(i)
		}()
	}
	close(start)
	out := map[int]int{}
	for i := 0; i < n; i++ {
		out[<-codes]++
	}
	return out
}

// accToken creates a personal access token of the tenant's admin.
func accToken(t testing.TB, env *testenv.Env, tn *testenv.Tenant, permission string, scopes ...string) string {
	t.Helper()
	r := accJSON(t, env, "POST", "/admin/api/personal/access_tokens.json", tn.Token,
		map[string]any{"token": map[string]any{"name": testenv.Unique("token"), "permission": permission, "scopes": scopes}})
	status(t, r, 201)
	return text(t, obj(t, r, "access_token"), "value")
}
