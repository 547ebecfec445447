package settings

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/settings"
	"turnpike/shared/platform/deps"
)

// ReadSettings is GET /admin/api/settings (JSON only).
func ReadSettings(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		s, err := settings.Load(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		if _, err := settings.ShowDefaultPlan(ctx, d.Store, q.Tenant(), s); err != nil {
			return api.Result{}, err
		}
		return api.OK(Obj(s)), nil
	})
}
