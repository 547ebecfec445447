package catalog

import (
	"context"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// pathLimit loads the plan, the metric and the limit named by the path. The
// limit must be of that plan and that metric (3scale looks at the metric only).
func pathLimit(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Metric, *catalog.Limit, error) {
	plan, metric, err := planMetric(ctx, d, q)
	if err != nil {
		return nil, nil, err
	}
	id, err := q.ID("limit_id")
	if err != nil {
		return nil, nil, err
	}
	var l catalog.Limit
	if err := d.Store.Read(ctx, catalog.LimitKey(q.Tenant(), plan.ID, id), &l); err != nil {
		return nil, nil, err
	}
	if l.Metric != metric.ID {
		return nil, nil, store.ErrNotFound
	}
	return metric, &l, nil
}

// ofMetric narrows a plan collection (limits, pricing rules) to one metric.
func ofMetric(prefix string, t, metric int64) store.Query {
	return store.Query{PK: store.TenantPK(t), Prefix: prefix, Filter: store.Is("metric", metric)}
}
