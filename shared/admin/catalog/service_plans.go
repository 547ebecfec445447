package catalog

import (
	"net/http"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// ListAllServicePlans is GET /admin/api/service_plans.
func ListAllServicePlans(d *deps.Deps) http.Handler { return listAllPlans(d, catalog.ServicePlan) }

// ListServicePlans is GET /admin/api/services/{service_id}/service_plans.
func ListServicePlans(d *deps.Deps) http.Handler { return listPlans(d, catalog.ServicePlan) }

// CreateServicePlan is POST /admin/api/services/{service_id}/service_plans.
func CreateServicePlan(d *deps.Deps) http.Handler { return createPlan(d, catalog.ServicePlan) }

// ReadServicePlan is GET /admin/api/services/{service_id}/service_plans/{plan_id}.
func ReadServicePlan(d *deps.Deps) http.Handler { return readPlanOp(d, catalog.ServicePlan) }

// UpdateServicePlan is PUT /admin/api/services/{service_id}/service_plans/{plan_id}.
func UpdateServicePlan(d *deps.Deps) http.Handler { return updatePlan(d, catalog.ServicePlan) }

// DeleteServicePlan is DELETE /admin/api/services/{service_id}/service_plans/{plan_id}.
func DeleteServicePlan(d *deps.Deps) http.Handler { return deletePlan(d, catalog.ServicePlan) }

// SetDefaultServicePlan is PUT /admin/api/services/{service_id}/service_plans/{plan_id}/default.
func SetDefaultServicePlan(d *deps.Deps) http.Handler { return setDefaultPlan(d, catalog.ServicePlan) }
