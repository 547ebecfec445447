package audience

import (
	"context"
	"net/http"
	"regexp"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

var referrerRE = regexp.MustCompile(`^[a-zA-Z0-9*.\-]+$`)

// CreateReferrerFilter is POST .../applications/{application_id}/referrer_filters
// with referrer_filter=<value>: up to 5 per application; it answers 201 with the application.
func CreateReferrerFilter(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		value, _, err := q.Str("referrer_filter")
		if err != nil {
			return api.Result{}, apierr.Invalid("value", "is invalid")
		}
		var v apierr.Validation
		switch {
		case value == "":
			v.Add("value", "can't be blank")
		case len(value) > 255:
			v.Add("value", "is too long (maximum is 255 characters)")
		case !referrerRE.MatchString(value):
			v.Add("value", "is invalid")
		}
		for _, f := range app.ReferrerFilters {
			if f == value {
				v.Add("value", "has already been taken")
			}
		}
		if len(app.ReferrerFilters) >= audience.MaxReferrers {
			v.Add("base", "Limit reached")
		}
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		before := *app
		app.ReferrerFilters = append(app.ReferrerFilters, value)
		app.Referrers = append(app.Referrers, audience.Referrer{ID: id, Value: value, CreatedAt: q.Now})
		app.UpdatedAt = q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusCreated)
	})
}
