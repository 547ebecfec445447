package audience

import (
	"context"
	"net/http"
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// FindAccount is GET /admin/api/accounts/find: the account of the user named
// by the first of username, user_id or email given; none given is a 404.
func FindAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		k, err := accountFindKey(q)
		if err != nil {
			return api.Result{}, err
		}
		c, err := audience.FindUserClaim(ctx, d.Store, k)
		if err != nil {
			return api.Result{}, err
		}
		if c == nil {
			return api.Result{}, store.ErrNotFound
		}
		acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), c.Account)
		if err != nil {
			return api.Result{}, err
		}
		return accountResult(ctx, d, q, acc)
	})
}

// accountFindKey is the claim to look up, in 3scale's order of precedence.
func accountFindKey(q *api.Request) (store.Key, error) {
	if s, ok, err := q.Str("username"); err != nil || ok {
		return audience.ClaimKey(q.Tenant(), audience.ClaimUsername, s), notFoundIf(err, s == "")
	}
	if s, ok, err := q.Str("user_id"); err != nil || ok {
		id, perr := strconv.ParseInt(s, 10, 64)
		return audience.UserIDKey(q.Tenant(), id), notFoundIf(err, perr != nil || id <= 0)
	}
	if s, _, err := q.Str("email"); err != nil || s != "" {
		return audience.ClaimKey(q.Tenant(), audience.ClaimEmail, s), err
	}
	return store.Key{}, store.ErrNotFound
}

func notFoundIf(err error, cond bool) error {
	if err == nil && cond {
		return store.ErrNotFound
	}
	return err
}
