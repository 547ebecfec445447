package audience

import (
	"context"
	"net/http"
	"slices"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteReferrerFilter is DELETE .../applications/{application_id}/referrer_filters/{filter_id}.
func DeleteReferrerFilter(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		id, err := q.ID("filter_id")
		if err != nil {
			return api.Result{}, err
		}
		i := slices.IndexFunc(app.Referrers, func(r audience.Referrer) bool { return r.ID == id })
		if i < 0 {
			return api.Result{}, store.ErrNotFound
		}
		before := *app
		value := app.Referrers[i].Value
		app.Referrers = slices.Delete(slices.Clone(app.Referrers), i, i+1)
		app.ReferrerFilters = slices.DeleteFunc(slices.Clone(app.ReferrerFilters), func(f string) bool { return f == value })
		app.UpdatedAt = q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
