package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// serviceAttrs are the attributes an update may change.
var serviceAttrs = []string{"name", "description", "state", "backend_version", "deployment_option", "support_email",
	"referrer_filters_required", "intentions_required", "buyers_manage_apps", "buyers_manage_keys", "custom_keys_enabled",
	"buyer_key_regenerate_enabled", "mandatory_app_key", "buyer_can_select_plan", "buyer_plan_change_permission",
	"notification_settings", "annotations", "txt_support", "terms", "updated_at"}

// UpdateService is PUT /admin/api/services/{service_id}.
func UpdateService(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "service"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		seen := svc.State
		var v apierr.Validation
		if err := readService(q, svc, false, &v); err != nil {
			return api.Result{}, err
		}
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		svc.UpdatedAt = q.Now
		// The state seen must still hold: a transition checked against a
		// state that changed meanwhile (a delete) must not apply.
		tx := d.Store.Tx(q.Tenant())
		tx.UpdateIf(svc.Key, catalog.ChangeOf(svc, serviceAttrs...), store.Exists().And(store.Is("state", seen)), store.ErrNotFound)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		view, err := serviceView(ctx, d, q, svc)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(ServiceObj(q.BaseURL(), svc, view)), nil
	})
}
