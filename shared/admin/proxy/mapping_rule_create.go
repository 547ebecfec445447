package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// CreateMappingRule is POST /admin/api/services/{service_id}/proxy/mapping_rules:
// a draft rule, seen by gateways after the next deploy.
func CreateMappingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "mapping_rule"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, err := loadProduct(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in, err := readRule(q, proxy.Rule{CreatedAt: q.Now, UpdatedAt: q.Now}, true)
		if err != nil {
			return api.Result{}, err
		}
		if err := checkMetric(pr, in.rule.MetricID); err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		in.rule.ID = id
		err = edit(ctx, d, pr, func(px *proxy.Proxy) error {
			if len(px.Rules) >= proxy.MaxRules {
				return apierr.Invalid("base", "a product has at most 1000 mapping rules")
			}
			px.AddRule(in.rule, in.position)
			return nil
		})
		if err != nil {
			return api.Result{}, err
		}
		r, _ := pr.px.Rule(id)
		return api.Created(RuleObj(pr.p.ID, r)), nil
	})
}
