package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/deps"
)

// CreateService is POST /admin/api/services: a service with its hits metric,
// default service plan and first service token.
func CreateService(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "service"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var in ServiceInput
		var err error
		for _, f := range []struct {
			name string
			dst  *string
		}{{"name", &in.Name}, {"system_name", &in.SystemName}, {"description", &in.Description},
			{"backend_version", &in.BackendVersion}, {"deployment_option", &in.DeploymentOption}, {"support_email", &in.SupportEmail}} {
			if *f.dst, _, err = q.Str(f.name); err != nil {
				return api.Result{}, err
			}
		}
		if in.ReferrerFiltersRequired, _, err = q.Bool("referrer_filters_required", false); err != nil {
			return api.Result{}, err
		}
		if err := in.Validate(); err != nil {
			return api.Result{}, err
		}
		ns, err := in.Build(ctx, d.Store, q.Tenant(), q.Now)
		if err != nil {
			return api.Result{}, err
		}
		tx := d.Store.Tx(q.Tenant())
		ns.Add(tx)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(ServiceObj(q.BaseURL(), ns.Service, []*Metric{ns.Hits})), nil
	})
}
