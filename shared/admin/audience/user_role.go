package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
)

// MakeUserAdmin is PUT /admin/api/accounts/{account_id}/users/{id}/admin.
func MakeUserAdmin(d *deps.Deps) http.Handler { return userRole(d, audience.RoleAdmin) }

// MakeUserMember is PUT /admin/api/accounts/{account_id}/users/{id}/member;
// the account's only admin stays admin (422).
func MakeUserMember(d *deps.Deps) http.Handler { return userRole(d, audience.RoleMember) }

func userRole(d *deps.Deps, role string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var u *audience.User
		err := optimistic(ctx, func() error {
			var err error
			if u, err = pathUser(ctx, d, q); err != nil || u.Role == role {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			change(u.Key, u.UpdatedAt).set("role", role).set("updated_at", q.Now).in(tx)
			if role == audience.RoleAdmin {
				addAdmin(tx, q.Tenant(), u.Account)
			} else {
				dropAdmin(tx, q.Tenant(), u.Account, errLastAdmin)
			}
			u.Role, u.UpdatedAt = role, q.Now
			if err := fire(ctx, d, q, tx, "user", "updated", u.ID, userXML(q, u)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(UserObj(q.BaseURL(), u)), nil
	})
}
