// Package provider serves the tenant's own account through the admin API
// (3scale's /admin/api/provider): its read and its update.
package provider

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// ReadProvider is GET /admin/api/provider: the tenant's own account, with its provider key.
func ReadProvider(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		t, err := tenant.Load(ctx, d.Store, q.Tenant())
		if errors.Is(err, tenant.ErrNotFound) {
			return api.Result{}, store.ErrNotFound
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(api.ProviderObj(d, q.BaseURL(), t)), nil
	})
}
