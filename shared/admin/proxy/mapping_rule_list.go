package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListMappingRules is GET /admin/api/services/{service_id}/proxy/mapping_rules:
// every rule in position order, unpaginated.
func ListMappingRules(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, err := loadProduct(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		l := &wire.List{Name: "mapping_rules", Items: []*wire.Obj{}}
		for i := range pr.px.Rules {
			l.Items = append(l.Items, RuleObj(pr.p.ID, &pr.px.Rules[i]))
		}
		return api.Listed(l), nil
	})
}
