package audience

import (
	"context"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// appOfPath loads the developer account and the application named by the path;
// an application of another account is not found.
func appOfPath(ctx context.Context, d *deps.Deps, q *api.Request) (*audience.Account, *audience.Application, error) {
	accID, err := q.ID("account_id")
	if err != nil {
		return nil, nil, err
	}
	appID, err := q.ID("application_id")
	if err != nil {
		return nil, nil, err
	}
	acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), accID)
	if err != nil {
		return nil, nil, err
	}
	app, err := audience.LoadApplication(ctx, d.Store, q.Tenant(), appID)
	if err != nil {
		return nil, nil, err
	}
	if app.Account != acc.ID {
		return nil, nil, store.ErrNotFound
	}
	return acc, app, nil
}
