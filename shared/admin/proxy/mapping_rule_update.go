package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// UpdateMappingRule is PATCH (and PUT) /admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}.
func UpdateMappingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "mapping_rule"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, r, err := pathRule(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in, err := readRule(q, *r, false)
		if err != nil {
			return api.Result{}, err
		}
		if in.set["metric_id"] {
			if err := checkMetric(pr, in.rule.MetricID); err != nil {
				return api.Result{}, err
			}
		}
		id := r.ID
		err = edit(ctx, d, pr, func(px *proxy.Proxy) error {
			cur, ok := px.Rule(id)
			if !ok {
				return apierr.NotFound()
			}
			pos := cur.Position
			in.rule.Position, in.rule.UpdatedAt = pos, q.Now
			*cur = in.rule
			if in.hasPos {
				px.MoveRule(id, in.position)
			}
			return nil
		})
		if err != nil {
			return api.Result{}, err
		}
		out, _ := pr.px.Rule(id)
		return api.OK(RuleObj(pr.p.ID, out)), nil
	})
}
