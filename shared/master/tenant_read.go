package master

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ReadTenant is GET /master/api/providers/{id}: a tenant, scheduled for
// deletion ones included (with their deletion_date).
func ReadTenant(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("provider_id")
		if err != nil {
			return api.Result{}, err
		}
		t, err := tenant.Load(ctx, d.Store, id)
		if err != nil {
			return api.Result{}, httpError(err)
		}
		return api.OK(signup(d, q, t)), nil
	})
}

// signup is the Master API's representation of a tenant.
func signup(d *deps.Deps, q *api.Request, t *tenant.Tenant) *wire.Obj {
	return wire.NewObj("signup").Set("account", api.ProviderObj(d, q.BaseURL(), t))
}
