package catalog

import (
	"net/http"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// ListAllApplicationPlans is GET /admin/api/application_plans.
func ListAllApplicationPlans(d *deps.Deps) http.Handler {
	return listAllPlans(d, catalog.ApplicationPlan)
}

// ListApplicationPlans is GET /admin/api/services/{service_id}/application_plans.
func ListApplicationPlans(d *deps.Deps) http.Handler { return listPlans(d, catalog.ApplicationPlan) }

// CreateApplicationPlan is POST /admin/api/services/{service_id}/application_plans.
func CreateApplicationPlan(d *deps.Deps) http.Handler { return createPlan(d, catalog.ApplicationPlan) }

// ReadApplicationPlan is GET /admin/api/services/{service_id}/application_plans/{plan_id}.
func ReadApplicationPlan(d *deps.Deps) http.Handler { return readPlanOp(d, catalog.ApplicationPlan) }

// UpdateApplicationPlan is PUT /admin/api/services/{service_id}/application_plans/{plan_id}.
func UpdateApplicationPlan(d *deps.Deps) http.Handler { return updatePlan(d, catalog.ApplicationPlan) }

// DeleteApplicationPlan is DELETE /admin/api/services/{service_id}/application_plans/{plan_id}.
func DeleteApplicationPlan(d *deps.Deps) http.Handler { return deletePlan(d, catalog.ApplicationPlan) }

// SetDefaultApplicationPlan is PUT /admin/api/services/{service_id}/application_plans/{plan_id}/default.
func SetDefaultApplicationPlan(d *deps.Deps) http.Handler {
	return setDefaultPlan(d, catalog.ApplicationPlan)
}
