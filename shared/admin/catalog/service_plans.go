package catalog

import (
	"net/http"

	"turnpike/shared/platform/deps"
)

// ListAllServicePlans is GET /admin/api/service_plans.
func ListAllServicePlans(d *deps.Deps) http.Handler { return listAllPlans(d, ServicePlan) }

// ListServicePlans is GET /admin/api/services/{service_id}/service_plans.
func ListServicePlans(d *deps.Deps) http.Handler { return listPlans(d, ServicePlan) }

// CreateServicePlan is POST /admin/api/services/{service_id}/service_plans.
func CreateServicePlan(d *deps.Deps) http.Handler { return createPlan(d, ServicePlan) }

// ReadServicePlan is GET /admin/api/services/{service_id}/service_plans/{plan_id}.
func ReadServicePlan(d *deps.Deps) http.Handler { return readPlanOp(d, ServicePlan) }

// UpdateServicePlan is PUT /admin/api/services/{service_id}/service_plans/{plan_id}.
func UpdateServicePlan(d *deps.Deps) http.Handler { return updatePlan(d, ServicePlan) }

// DeleteServicePlan is DELETE /admin/api/services/{service_id}/service_plans/{plan_id}.
func DeleteServicePlan(d *deps.Deps) http.Handler { return deletePlan(d, ServicePlan) }

// SetDefaultServicePlan is PUT /admin/api/services/{service_id}/service_plans/{plan_id}/default.
func SetDefaultServicePlan(d *deps.Deps) http.Handler { return setDefaultPlan(d, ServicePlan) }
