package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// CreateService is POST /admin/api/services: a service with its hits metric,
// default service plan and first service token.
func CreateService(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "service"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		draft := &catalog.Service{State: "incomplete", ServiceSettings: catalog.DefaultSettings()}
		var v apierr.Validation
		if err := readService(q, draft, true, &v); err != nil {
			return api.Result{}, err
		}
		in := catalog.ServiceInput{Name: draft.Name, SystemName: draft.SystemName, Description: draft.Description,
			BackendVersion: draft.BackendVersion, DeploymentOption: draft.DeploymentOption, SupportEmail: draft.SupportEmail,
			ReferrerFiltersRequired: draft.ReferrerFiltersRequired, Settings: &draft.ServiceSettings, State: draft.State}
		in.ValidateInto(&v)
		if err := v.Err(); err != nil {
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
		view, err := serviceView(ctx, d, q, ns.Service)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(ServiceObj(q.BaseURL(), ns.Service, view)), nil
	})
}
