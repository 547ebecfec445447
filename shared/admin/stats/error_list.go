// Package stats serves what the usage consumer records for the provider
// (shared/model/usagelog): the usage history of applications and services
// (/stats/...) and the integration errors of dropped reports
// (/admin/api/services/{service_id}/errors).
package stats

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListErrors is GET /admin/api/services/{service_id}/errors: the integration
// errors of the service's reports, newest first (3scale shows them in its
// admin portal; its backend's internal API has the same list).
func ListErrors(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		sid, err := errorsOf(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		page, _, err := q.Int("page", 1)
		if err != nil {
			return api.Result{}, err
		}
		perPage, _, err := q.Int("per_page", 100)
		if err != nil {
			return api.Result{}, err
		}
		page, perPage = max(page, 1), min(max(perPage, 1), 500)
		items, err := usagelog.Errors(ctx, d.Store, q.Tenant(), sid)
		if err != nil {
			return api.Result{}, err
		}
		list := &wire.List{Name: "errors", Page: &wire.Page{Number: int(page), PerPage: int(perPage), Total: len(items)}}
		// Any page number is taken: past the kept errors every page is empty
		// (bounded before multiplying, so a huge page cannot overflow).
		from := int((min(page, usagelog.MaxErrors+1) - 1) * perPage)
		for i := from; i < len(items) && i < from+int(perPage); i++ {
			list.Items = append(list.Items, errorObj(&items[i]))
		}
		return api.Listed(list), nil
	})
}

// errorsOf is the service in the path, checked to be the tenant's (404 if not).
func errorsOf(ctx context.Context, d *deps.Deps, q *api.Request) (int64, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return 0, err
	}
	if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), sid); err != nil {
		return 0, err
	}
	return sid, nil
}
