package provider

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

// UpdateProvider is PUT /admin/api/provider: the tenant's own account
// (from_email, support_email, finance_support_email, site_access_code,
// org_name); its state changes only through the master.
func UpdateProvider(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var ch tenant.Changes
		if err := api.ReadTenantChanges(q, &ch); err != nil {
			return api.Result{}, err
		}
		if err := ch.Validate(); err != nil {
			return api.Result{}, err
		}
		t, err := tenant.Change(ctx, d.Store, q.Tenant(), "tenant", func(t *tenant.Tenant) error {
			ch.Apply(t, q.Now)
			return nil
		})
		if err != nil {
			return api.Result{}, changeError(err)
		}
		return api.OK(api.ProviderObj(d, q.BaseURL(), t)), nil
	})
}
