package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
)

// ListAccountApplications is GET /admin/api/accounts/{account_id}/applications,
// optionally filtered by state; not paginated, as in 3scale.
func ListAccountApplications(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		s := &appSearch{account: acc.ID}
		if s.state, _, err = q.Str("state"); err != nil {
			return api.Result{}, err
		}
		var apps []*audience.Application
		if err := s.all(ctx, d, q.Tenant(), &apps); err != nil {
			return api.Result{}, err
		}
		l, err := newAppViews(d, q).know(acc, nil).list(ctx, apps, nil)
		if err != nil {
			return api.Result{}, err
		}
		return api.Listed(l), nil
	})
}
