package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// FindApplication is GET /admin/api/applications/find: the application (with
// its account_id) holding a user_key (services authenticating by user_key
// only), an app_id or client_id (the others), or with an application_id (its
// id); service_id narrows the search. This is how a key seen in a gateway log
// leads to the developer behind it.
func FindApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		app, err := findApp(ctx, d, q, 0)
		if err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, nil, app, http.StatusOK)
	})
}

// FindAccountApplication is GET /admin/api/accounts/{account_id}/applications/find:
// the same search within one account.
func FindAccountApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		app, err := findApp(ctx, d, q, acc.ID)
		if err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusOK)
	})
}

// findApp applies 3scale's find rules; account 0 means any account. Whatever
// does not match is simply not found.
func findApp(ctx context.Context, d *deps.Deps, q *api.Request, account int64) (*audience.Application, error) {
	kind, value, err := findKey(q)
	if err != nil {
		return nil, err
	}
	var id int64
	switch kind {
	case "":
		var ok bool
		if id, ok = store.ParseID(value); !ok {
			return nil, store.ErrNotFound
		}
	default:
		if id, err = audience.FindClaim(ctx, d.Store, q.Tenant(), kind, value); err != nil {
			return nil, err
		}
	}
	if id == 0 {
		return nil, store.ErrNotFound
	}
	app, err := audience.LoadApplication(ctx, d.Store, q.Tenant(), id)
	if err != nil {
		return nil, err
	}
	if account != 0 && app.Account != account {
		return nil, store.ErrNotFound
	}
	if sid, ok, err := q.Str("service_id"); err != nil {
		return nil, err
	} else if ok && sid != "" && sid != itoa(app.Service) {
		return nil, store.ErrNotFound
	}
	if kind != "" {
		// A user_key identifies applications of user_key services only; an app_id the others.
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), app.Service)
		if err != nil {
			return nil, err
		}
		if (kind == audience.ClaimUserKey) != (svc.BackendVersion == "1") {
			return nil, store.ErrNotFound
		}
	}
	return app, nil
}

// findKey is the first search key given: a claim kind and value, or kind "" with an id.
func findKey(q *api.Request) (kind, value string, err error) {
	for _, p := range []struct{ param, kind string }{
		{"user_key", audience.ClaimUserKey}, {"app_id", audience.ClaimAppID}, {"client_id", audience.ClaimAppID}, {"application_id", ""}, {"id", ""},
	} {
		v, ok, err := q.Str(p.param)
		if err != nil {
			return "", "", err
		}
		if ok && v != "" {
			return p.kind, v, nil
		}
	}
	return "", "", store.ErrNotFound
}
