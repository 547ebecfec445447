package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

// Every operation of accounts, users, invitations, messages, settings and
// tokens, fed malformed input: a clear 4xx, never a 500.
func TestAccountsMalformedInput(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	accN := num(t, accDev(t, tn), "id")
	acc := testenv.S(accN)
	user := testenv.S(num(t, accUsers(t, tn, accN)[0], "id"))
	names := []string{"signup", "portal-signup", "list-accounts", "find-account", "read-account", "update-account", "delete-account",
		"approve-account", "reject-account", "make-account-pending", "suspend-account", "resume-account", "schedule-account-deletion",
		"change-account-plan", "fetch-account-plan", "list-users", "create-user", "read-user", "update-user", "delete-user",
		"activate-user", "suspend-user", "unsuspend-user", "make-user-admin", "make-user-member", "list-invitations",
		"create-invitation", "read-invitation", "delete-invitation", "accept-invitation", "create-message", "list-messages",
		"list-outbox", "read-settings", "update-settings", "list-access-tokens", "create-access-token", "read-access-token",
		"delete-access-token"}
	fields := []string{"org_name", "username", "email", "password", "password_confirmation", "annotations", "state", "role", "page",
		"per_page", "user_id", "plan_id", "account_plan_id", "subject", "body", "invitation_token", "name", "permission", "scopes",
		"expires_at", "signups_enabled", "hide_service", "change_account_plan_permission", "monthly_billing_enabled"}
	var arrays, maps []string
	for _, f := range fields {
		arrays = append(arrays, url.QueryEscape(f+"[]")+"=x")
		maps = append(maps, url.QueryEscape(f+"[a][b]")+"=x")
	}
	bodies := []struct{ ctype, body string }{
		{"application/json", `{"org_name":`},
		{"application/json", `[1,2]`},
		{"application/json", `{"username":{"a":1},"scopes":[[1]],"annotations":[1],"email":null,"page":1e999}`},
		{"application/x-www-form-urlencoded", "org_name=%ZZ&username=%"},
		{"application/x-www-form-urlencoded", "username=\xff\xfe"},
		{"application/x-www-form-urlencoded", strings.Join(arrays, "&")},
		{"application/x-www-form-urlencoded", strings.Join(maps, "&")},
		{"application/x-www-form-urlencoded", "account=flat&user=flat&token=flat&settings=flat&message=flat&invitation=flat"},
		{"text/csv", "a,b"},
	}
	for _, name := range names {
		op, ok := ops.Find(name)
		if !ok {
			t.Fatalf("no operation %s", name)
		}
		path := strings.NewReplacer("{account_id}", acc, "{id}", user).Replace(op.Path)
		for _, b := range bodies {
			r := env.Raw(t, op.Method, path+"?access_token="+tn.Token, b.ctype, []byte(b.body))
			if r.Status >= 500 || r.Status < 400 && !(r.Status == 200 || r.Status == 201) {
				t.Fatalf("%s %s with %q: %d %s", op.Method, path, b.body, r.Status, r.Body)
			}
		}
		for _, id := range []string{"0", "-5", "abc", "99999999999999999999", "1.5", "%FF"} {
			p := strings.NewReplacer("{account_id}", id, "{id}", id).Replace(op.Path)
			if p == op.Path {
				continue
			}
			r := env.Raw(t, op.Method, p+"?access_token="+tn.Token, "", nil)
			if r.Status >= 500 || r.Status < 400 {
				t.Fatalf("%s %s: %d %s", op.Method, p, r.Status, r.Body)
			}
		}
		r := env.Raw(t, op.Method, path+"?access_token="+tn.Token+"&x=\xff", "", nil)
		if r.Status != 400 && r.Status != 406 { // 406: a JSON-only operation asked for XML
			t.Fatalf("%s %s with invalid UTF-8: %d %s", op.Method, path, r.Status, r.Body)
		}
	}
}
