package audience

import (
	"context"
	"net/http"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// UpdateUser is PUT /admin/api/accounts/{account_id}/users/{id}: username,
// email and password. A new username or email is claimed and the old one
// released in the same transaction.
func UpdateUser(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "user"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		in, err := readUserInput(q)
		if err != nil {
			return api.Result{}, err
		}
		var v apierr.Validation
		in.validate(&v, false, rules{emailRequired: true})
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		var u *audience.User
		err = optimistic(ctx, func() error {
			if u, err = pathUser(ctx, d, q); err != nil {
				return err
			}
			tx := d.Store.Tx(q.Tenant())
			c := change(u.Key, u.UpdatedAt)
			claim := &audience.UserClaim{Owner: u.ID, Account: u.Account}
			if in.HasUsername && in.Username != u.Username {
				reclaim(tx, q.Tenant(), audience.ClaimUsername, u.Username, in.Username, claim, audience.ErrUsernameTaken)
				u.Username = in.Username
				c.set("username", u.Username)
			}
			if in.HasEmail && in.Email != u.Email {
				reclaim(tx, q.Tenant(), audience.ClaimEmail, u.Email, in.Email, claim, audience.ErrEmailTaken)
				u.Email = in.Email
				c.set("email", u.Email)
			}
			if in.HasPassword {
				c.set("password_hash", passwordHash(in.Password))
			}
			u.UpdatedAt = q.Now
			c.set("updated_at", q.Now).in(tx)
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

// reclaim moves a user's claim from one value to another; values equal but
// for case share one claim, which stays.
func reclaim(tx *store.Tx, tenant int64, kind, from, to string, c *audience.UserClaim, taken error) {
	if strings.EqualFold(from, to) {
		return
	}
	if from != "" {
		k := audience.ClaimKey(tenant, kind, from)
		tx.Delete(k.PK, k.SK)
	}
	if to != "" {
		nc := *c
		nc.Key = audience.ClaimKey(tenant, kind, to)
		tx.Create(&nc, taken)
	}
}
