package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// CreateMethod is POST /admin/api/services/{service_id}/metrics/{metric_id}/methods;
// methods exist only under hits.
func CreateMethod(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "metric"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, parent, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		m := &catalog.Metric{Service: svc.ID, Parent: parent.ID, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readMetric(q, m, true); err != nil {
			return api.Result{}, err
		}
		if parent.SystemName != "hits" || parent.Parent != 0 {
			return api.Result{}, apierr.Invalid("parent_id", "Methods can only be created under the hits metric")
		}
		if err := createMetric(ctx, d, q, svc, m); err != nil {
			return api.Result{}, err
		}
		return api.Created(MethodObj(q.BaseURL(), m)), nil
	})
}
