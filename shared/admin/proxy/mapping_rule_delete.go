package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// DeleteMappingRule is DELETE /admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}:
// 200 with an empty body; the rules below move up.
func DeleteMappingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pr, r, err := pathRule(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		id := r.ID
		err = edit(ctx, d, pr, func(px *proxy.Proxy) error {
			if px.DeleteRule(id) != nil {
				return apierr.NotFound()
			}
			return nil
		})
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
