package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListApplicationKeys is GET .../applications/{application_id}/keys.
func ListApplicationKeys(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		l := &wire.List{Name: "keys"}
		for _, k := range app.Keys {
			l.Items = append(l.Items, KeyObj(q.BaseURL(), app, k))
		}
		return api.Listed(l), nil
	})
}
