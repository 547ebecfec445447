package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListUsers is GET /admin/api/accounts/{account_id}/users, optionally
// filtered by state and role.
func ListUsers(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		var filter [2]string
		for i, name := range []string{"state", "role"} {
			if filter[i], _, err = q.Str(name); err != nil {
				return api.Result{}, err
			}
		}
		users, err := audience.AccountUsers(ctx, d.Store, q.Tenant(), acc.ID)
		if err != nil {
			return api.Result{}, err
		}
		items := []*wire.Obj{}
		for _, u := range users {
			if (filter[0] == "" || u.State == filter[0]) && (filter[1] == "" || u.Role == filter[1]) {
				items = append(items, UserObj(q.BaseURL(), u))
			}
		}
		return api.Listed(&wire.List{Name: "users", Items: items}), nil
	})
}

// ReadUser is GET /admin/api/accounts/{account_id}/users/{id}.
func ReadUser(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		u, err := pathUser(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(UserObj(q.BaseURL(), u)), nil
	})
}

// pathUser reads the user named by the path's {account_id} and {id}.
func pathUser(ctx context.Context, d *deps.Deps, q *api.Request) (*audience.User, error) {
	acc, id, err := memberIDs(q, "id")
	if err != nil {
		return nil, err
	}
	return audience.LoadUser(ctx, d.Store, q.Tenant(), acc, id)
}

// errLastAdmin refuses to leave an account without an admin.
var errLastAdmin = apierr.Invalid("role", "cannot change: the account's only admin must stay admin")
