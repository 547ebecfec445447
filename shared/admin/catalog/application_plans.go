package catalog

import (
	"net/http"

	"turnpike/shared/platform/deps"
)

// ListAllApplicationPlans is GET /admin/api/application_plans.
func ListAllApplicationPlans(d *deps.Deps) http.Handler { return listAllPlans(d, ApplicationPlan) }

// ListApplicationPlans is GET /admin/api/services/{service_id}/application_plans.
func ListApplicationPlans(d *deps.Deps) http.Handler { return listPlans(d, ApplicationPlan) }

// CreateApplicationPlan is POST /admin/api/services/{service_id}/application_plans.
func CreateApplicationPlan(d *deps.Deps) http.Handler { return createPlan(d, ApplicationPlan) }

// ReadApplicationPlan is GET /admin/api/services/{service_id}/application_plans/{plan_id}.
func ReadApplicationPlan(d *deps.Deps) http.Handler { return readPlanOp(d, ApplicationPlan) }

// UpdateApplicationPlan is PUT /admin/api/services/{service_id}/application_plans/{plan_id}.
func UpdateApplicationPlan(d *deps.Deps) http.Handler { return updatePlan(d, ApplicationPlan) }

// DeleteApplicationPlan is DELETE /admin/api/services/{service_id}/application_plans/{plan_id}.
func DeleteApplicationPlan(d *deps.Deps) http.Handler { return deletePlan(d, ApplicationPlan) }

// SetDefaultApplicationPlan is PUT /admin/api/services/{service_id}/application_plans/{plan_id}/default.
func SetDefaultApplicationPlan(d *deps.Deps) http.Handler { return setDefaultPlan(d, ApplicationPlan) }
