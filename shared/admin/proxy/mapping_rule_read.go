package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
)

// ReadMappingRule is GET /admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}.
func ReadMappingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, r, err := pathRule(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(RuleObj(pr.p.ID, r)), nil
	})
}
