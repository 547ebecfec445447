package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListReferrerFilters is GET .../applications/{application_id}/referrer_filters.
func ListReferrerFilters(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		l := &wire.List{Name: "referrer_filters"}
		for _, r := range app.Referrers {
			l.Items = append(l.Items, ReferrerObj(q.BaseURL(), app, r))
		}
		return api.Listed(l), nil
	})
}
