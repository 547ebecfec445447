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

// ListMethods is GET /admin/api/services/{service_id}/metrics/{metric_id}/methods.
func ListMethods(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, parent, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		dir := catalog.MethodsDir(parent.Service)
		if parent.SystemName != "hits" || parent.Parent != 0 {
			dir = catalog.MethodsDir(0) // methods exist only under hits: an empty directory
		}
		keyOf := func(id int64) store.Key { return catalog.MetricKey(q.Tenant(), parent.Service, id) }
		return listDir(ctx, d.Store, q, dir, keyOf, metricID, "methods", api.Each(func(m *catalog.Metric) *wire.Obj { return MethodObj(q.BaseURL(), m) }))
	})
}
