package master

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

// UpdateTenant is PUT /master/api/providers/{id}: the tenant's fields and
// state_event (make_pending, approve, reject, suspend, resume). While the
// tenant is scheduled for deletion only state_event is honored, as in 3scale.
func UpdateTenant(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("provider_id")
		if err != nil {
			return api.Result{}, err
		}
		var ch tenant.Changes
		if err := api.ReadTenantChanges(q, &ch); err != nil {
			return api.Result{}, err
		}
		if err := ch.Validate(); err != nil {
			return api.Result{}, err
		}
		var event string
		if err := q.Strs(api.Into("state_event", &event)); err != nil {
			return api.Result{}, err
		}
		if event != "" && !oneOf(event, tenant.UpdateEvents) {
			return api.Result{}, httpError(&tenant.TransitionError{Event: event})
		}
		t, err := tenant.Change(ctx, d.Store, id, q.Who.Via, func(t *tenant.Tenant) error {
			if t.State != tenant.ScheduledForDeletion {
				ch.Apply(t, q.Now)
			}
			if event == "" {
				return nil
			}
			return t.Fire(event, q.Now)
		})
		if err != nil {
			return api.Result{}, httpError(err)
		}
		return api.OK(signup(d, q, t)), nil
	})
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
