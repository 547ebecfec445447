package ops

import "turnpike/shared/catalog"

// Account Management API: the product catalog.
var catalogOps = []Operation{
	{"create-service", "POST", "/admin/api/services.json", catalog.CreateService},
	{"list-service-tokens", "GET", "/admin/api/services/{service_id}/service_tokens.json", catalog.ListServiceTokens},
	{"create-service-token", "POST", "/admin/api/services/{service_id}/service_tokens.json", catalog.CreateServiceToken},
	{"create-application-plan", "POST", "/admin/api/services/{service_id}/application_plans.json", catalog.CreateApplicationPlan},
	{"create-limit", "POST", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json", catalog.CreateLimit},
}
