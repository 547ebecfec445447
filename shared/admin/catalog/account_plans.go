package catalog

import (
	"net/http"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
)

// ListAccountPlans is GET /admin/api/account_plans.
func ListAccountPlans(d *deps.Deps) http.Handler { return listPlans(d, catalog.AccountPlan) }

// CreateAccountPlan is POST /admin/api/account_plans.
func CreateAccountPlan(d *deps.Deps) http.Handler { return createPlan(d, catalog.AccountPlan) }

// ReadAccountPlan is GET /admin/api/account_plans/{plan_id}.
func ReadAccountPlan(d *deps.Deps) http.Handler { return readPlanOp(d, catalog.AccountPlan) }

// UpdateAccountPlan is PUT /admin/api/account_plans/{plan_id}.
func UpdateAccountPlan(d *deps.Deps) http.Handler { return updatePlan(d, catalog.AccountPlan) }

// DeleteAccountPlan is DELETE /admin/api/account_plans/{plan_id}.
func DeleteAccountPlan(d *deps.Deps) http.Handler { return deletePlan(d, catalog.AccountPlan) }

// SetDefaultAccountPlan is PUT /admin/api/account_plans/{plan_id}/default.
func SetDefaultAccountPlan(d *deps.Deps) http.Handler { return setDefaultPlan(d, catalog.AccountPlan) }
