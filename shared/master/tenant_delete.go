package master

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// DeleteTenant is DELETE /master/api/providers/{id}: the tenant is scheduled
// for deletion; it is erased once its deletion_date (15 days on) has passed,
// unless resumed before. A tenant already scheduled is not found, as in 3scale.
func DeleteTenant(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("provider_id")
		if err != nil {
			return api.Result{}, err
		}
		_, err = tenant.Change(ctx, d.Store, id, q.Who.Via, func(t *tenant.Tenant) error {
			if t.State == tenant.ScheduledForDeletion {
				return apierr.NotFound()
			}
			return t.Fire(tenant.EventScheduleForDeletion, q.Now)
		})
		if err != nil {
			return api.Result{}, httpError(err)
		}
		return api.Deleted(), nil
	})
}
