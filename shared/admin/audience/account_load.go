package audience

import (
	"context"
	"errors"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// pathAccount reads the account named by the path's {account_id}.
func pathAccount(ctx context.Context, d *deps.Deps, q *api.Request) (*audience.Account, error) {
	id, err := q.ID("account_id")
	if err != nil {
		return nil, err
	}
	return audience.LoadAccount(ctx, d.Store, q.Tenant(), id)
}

// accountResult renders an account; the XML nests its plan and users.
func accountResult(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account) (api.Result, error) {
	v, err := accountView(ctx, d, q, acc)
	if err != nil {
		return api.Result{}, err
	}
	return api.OK(AccountObj(q.BaseURL(), acc, v)), nil
}

// accountView loads what an account's XML nests (the JSON nests nothing).
func accountView(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account) (AccountView, error) {
	if q.Format == api.JSON {
		return AccountView{}, nil
	}
	users, err := audience.AccountUsers(ctx, d.Store, q.Tenant(), acc.ID)
	if err != nil {
		return AccountView{}, err
	}
	plan, err := accountPlan(ctx, d.Store, q.Tenant(), acc)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return AccountView{}, err
	}
	return AccountView{Users: users, Plan: plan}, nil
}
