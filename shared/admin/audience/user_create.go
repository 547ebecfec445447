package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// CreateUser is POST /admin/api/accounts/{account_id}/users: a new member,
// pending until activated. Username and email are unique in the tenant.
func CreateUser(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "user"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in, err := readUserInput(q)
		if err != nil {
			return api.Result{}, err
		}
		var v apierr.Validation
		in.validate(&v, true, rules{emailRequired: true})
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		u := &audience.User{Key: audience.UserKey(q.Tenant(), acc.ID, id), ID: id, Account: acc.ID, Username: in.Username, Email: in.Email,
			PasswordHash: passwordHash(in.Password), State: audience.UserPending, Role: audience.RoleMember, CreatedAt: q.Now, UpdatedAt: q.Now}
		tx := d.Store.Tx(q.Tenant()).Create(u, nil)
		audience.ClaimUser(tx, q.Tenant(), u)
		tx.MustExist(acc.Key, store.ErrNotFound)
		if err := fire(ctx, d, q, tx, "user", "created", u.ID, userXML(q, u)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(UserObj(q.BaseURL(), u)), nil
	})
}
