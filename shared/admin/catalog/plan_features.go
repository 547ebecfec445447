package catalog

import (
	"net/http"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// ListApplicationPlanFeatures is GET /admin/api/application_plans/{plan_id}/features.
func ListApplicationPlanFeatures(d *deps.Deps) http.Handler {
	return listPlanFeatures(d, catalog.ApplicationPlan)
}

// EnableApplicationPlanFeature is POST /admin/api/application_plans/{plan_id}/features.
func EnableApplicationPlanFeature(d *deps.Deps) http.Handler {
	return enablePlanFeature(d, catalog.ApplicationPlan)
}

// DisableApplicationPlanFeature is DELETE /admin/api/application_plans/{plan_id}/features/{feature_id}.
func DisableApplicationPlanFeature(d *deps.Deps) http.Handler {
	return disablePlanFeature(d, catalog.ApplicationPlan)
}

// ListAccountPlanFeatures is GET /admin/api/account_plans/{plan_id}/features.
func ListAccountPlanFeatures(d *deps.Deps) http.Handler {
	return listPlanFeatures(d, catalog.AccountPlan)
}

// EnableAccountPlanFeature is POST /admin/api/account_plans/{plan_id}/features.
func EnableAccountPlanFeature(d *deps.Deps) http.Handler {
	return enablePlanFeature(d, catalog.AccountPlan)
}

// DisableAccountPlanFeature is DELETE /admin/api/account_plans/{plan_id}/features/{feature_id}.
func DisableAccountPlanFeature(d *deps.Deps) http.Handler {
	return disablePlanFeature(d, catalog.AccountPlan)
}

// ListServicePlanFeatures is GET /admin/api/service_plans/{plan_id}/features.
func ListServicePlanFeatures(d *deps.Deps) http.Handler {
	return listPlanFeatures(d, catalog.ServicePlan)
}

// EnableServicePlanFeature is POST /admin/api/service_plans/{plan_id}/features.
func EnableServicePlanFeature(d *deps.Deps) http.Handler {
	return enablePlanFeature(d, catalog.ServicePlan)
}

// DisableServicePlanFeature is DELETE /admin/api/service_plans/{plan_id}/features/{feature_id}.
func DisableServicePlanFeature(d *deps.Deps) http.Handler {
	return disablePlanFeature(d, catalog.ServicePlan)
}
