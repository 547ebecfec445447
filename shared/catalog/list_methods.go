package catalog

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/api"
	"turnpike/shared/deps"
	"turnpike/shared/store"
	"turnpike/shared/wire"
)

// ListMethods is GET /admin/api/services/{service_id}/metrics/{metric_id}/methods.
func ListMethods(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, parent, err := pathMetric(ctx, d, q, "metric_id")
		if err != nil {
			return api.Result{}, err
		}
		query := store.Query{PK: store.TenantPK(q.Tenant()), Prefix: MetricPrefix(parent.Service), Filter: "#parent = :parent",
			Names: map[string]string{"#parent": "parent"}, Values: map[string]types.AttributeValue{":parent": num(parent.ID)}}
		return listPage(ctx, d.Store, q, query, "methods", each(func(m *Metric) *wire.Obj { return MethodObj(q.BaseURL(), m) }))
	})
}
