package audience

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListAccounts is GET /admin/api/accounts: the tenant's developer accounts in
// id order, paginated, optionally in one state. A page is a Query (the main
// table for all accounts, GSI1 for one state) and the total a read of the
// counts, see AccountPage.
func ListAccounts(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		state, _, err := q.Str("state")
		if err != nil {
			return api.Result{}, err
		}
		page, perPage := q.PageParams()
		accounts, total, err := audience.AccountPage(ctx, d.Store, q.Tenant(), state, page, perPage)
		if err != nil {
			return api.Result{}, err
		}
		items, err := accountItems(ctx, d, q, accounts)
		if err != nil {
			return api.Result{}, err
		}
		return api.Listed(&wire.List{Name: "accounts", Items: items, Page: &wire.Page{Number: page, PerPage: perPage, Total: total}}), nil
	})
}

// accountItems renders accounts; for the XML, their users and plans are read
// a few accounts at a time.
func accountItems(ctx context.Context, d *deps.Deps, q *api.Request, accounts []*audience.Account) ([]*wire.Obj, error) {
	items := make([]*wire.Obj, len(accounts))
	errs := make([]error, len(accounts))
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for i, acc := range accounts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var v AccountView
			v, errs[i] = accountView(ctx, d, q, acc)
			items[i] = AccountObj(q.BaseURL(), acc, v)
		}()
	}
	wg.Wait()
	return items, errors.Join(errs...)
}
