package catalog

import (
	"context"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

// serviceView gathers what a service's representation shows besides the
// service: the tenant's support email, and in XML the service's metrics.
func serviceView(ctx context.Context, d *deps.Deps, q *api.Request, s *catalog.Service) (ServiceView, error) {
	var v ServiceView
	t, err := tenant.Load(ctx, d.Store, q.Tenant())
	if err != nil {
		return v, err
	}
	v.SupportEmail = t.SupportEmail
	if q.Format == api.XML {
		if v.Metrics, err = catalog.Metrics(ctx, d.Store, q.Tenant(), s.ID); err != nil {
			return v, err
		}
		if v.Metrics == nil {
			v.Metrics = []*catalog.Metric{}
		}
	}
	return v, nil
}
