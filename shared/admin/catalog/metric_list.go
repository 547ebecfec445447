package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListMetrics is GET /admin/api/services/{service_id}/metrics: metrics and
// methods (paginated, one consistent Query).
func ListMetrics(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		keyOf := func(id int64) store.Key { return catalog.MetricKey(q.Tenant(), svc.ID, id) }
		return listDir(ctx, d.Store, q, catalog.MetricsDir(svc.ID), keyOf, metricID, "metrics", func(ms []*catalog.Metric) ([]*wire.Obj, error) {
			units := unitsOf(ms)
			out := make([]*wire.Obj, len(ms))
			for i, m := range ms {
				u, ok := units[m.Parent]
				if m.Parent != 0 && !ok {
					// The parent is on another page.
					if u, err = parentUnit(ctx, d, q.Tenant(), m); err != nil {
						return nil, err
					}
					units[m.Parent] = u
				}
				out[i] = MetricObj(q.BaseURL(), m, u)
			}
			return out, nil
		})
	})
}

func metricID(m *catalog.Metric) int64 { return m.ID }
