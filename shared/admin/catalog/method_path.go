package catalog

import (
	"context"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// pathMethod loads the service, the parent metric and the method named by the path.
func pathMethod(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Metric, error) {
	_, parent, err := pathMetric(ctx, d, q, "metric_id")
	if err != nil {
		return nil, err
	}
	id, err := q.ID("method_id")
	if err != nil {
		return nil, err
	}
	m, err := catalog.LoadMetric(ctx, d.Store, q.Tenant(), parent.Service, id)
	if err != nil {
		return nil, err
	}
	if m.Parent != parent.ID {
		return nil, store.ErrNotFound
	}
	return m, nil
}
