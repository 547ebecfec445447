package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListApplications is GET /admin/api/applications: every application of the
// tenant, filtered by service_id, plan_id, state, account, name or user_key,
// in id order, paginated (per_page up to 500). Each filter is a key of its own
// listing (see shared/model/audience/application.go), so a page costs Queries over that listing
// only, never a Scan; with at most one of service_id, plan_id and state, the
// listing's counter gives the total and a page reads no more than the keys
// before it and itself.
func ListApplications(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "search"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		s, err := readAppSearch(q)
		if err != nil {
			return api.Result{}, err
		}
		page, perPage := q.PageParams()
		var apps []*audience.Application
		total := 0
		switch {
		case s.nothing:
		case s.userKey != "":
			if apps, err = s.byUserKey(ctx, d, q.Tenant()); err != nil {
				return api.Result{}, err
			}
			total = len(apps)
			if page > 1 {
				apps = nil
			}
		default:
			if total, err = s.page(ctx, d, q.Tenant(), page, perPage, &apps); err != nil {
				return api.Result{}, err
			}
		}
		l, err := newAppViews(d, q).list(ctx, apps, &wire.Page{Number: page, PerPage: perPage, Total: total})
		if err != nil {
			return api.Result{}, err
		}
		return api.Listed(l), nil
	})
}
