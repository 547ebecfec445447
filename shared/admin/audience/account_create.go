package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// CreateAccount is POST /admin/api/accounts: a developer account with its
// admin user (org_name, username and email required, password optional, on
// account_plan_id or the default account plan). Unlike the signup express it
// subscribes to nothing; the user is active and the account approved, or
// pending when its plan requires approval.
func CreateAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		return signup(ctx, d, q, accountCreate)
	})
}
