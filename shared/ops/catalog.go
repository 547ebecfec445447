package ops

import "turnpike/shared/catalog"

// Account Management API: the product catalog.
var catalogOps = []Operation{
	// Services.
	{"list-services", "GET", "/admin/api/services.json", catalog.ListServices},
	{"create-service", "POST", "/admin/api/services.json", catalog.CreateService},
	{"read-service", "GET", "/admin/api/services/{service_id}", catalog.ReadService},
	{"update-service", "PUT", "/admin/api/services/{service_id}", catalog.UpdateService},
	{"delete-service", "DELETE", "/admin/api/services/{service_id}", catalog.DeleteService},
	{"list-service-tokens", "GET", "/admin/api/services/{service_id}/service_tokens.json", catalog.ListServiceTokens},
	{"create-service-token", "POST", "/admin/api/services/{service_id}/service_tokens.json", catalog.CreateServiceToken},

	// Metrics and methods.
	{"list-metrics", "GET", "/admin/api/services/{service_id}/metrics.json", catalog.ListMetrics},
	{"create-metric", "POST", "/admin/api/services/{service_id}/metrics.json", catalog.CreateMetric},
	{"read-metric", "GET", "/admin/api/services/{service_id}/metrics/{metric_id}", catalog.ReadMetric},
	{"update-metric", "PUT", "/admin/api/services/{service_id}/metrics/{metric_id}", catalog.UpdateMetric},
	{"delete-metric", "DELETE", "/admin/api/services/{service_id}/metrics/{metric_id}", catalog.DeleteMetric},
	{"list-methods", "GET", "/admin/api/services/{service_id}/metrics/{metric_id}/methods.json", catalog.ListMethods},
	{"create-method", "POST", "/admin/api/services/{service_id}/metrics/{metric_id}/methods.json", catalog.CreateMethod},
	{"read-method", "GET", "/admin/api/services/{service_id}/metrics/{metric_id}/methods/{method_id}", catalog.ReadMethod},
	{"update-method", "PUT", "/admin/api/services/{service_id}/metrics/{metric_id}/methods/{method_id}", catalog.UpdateMethod},
	{"delete-method", "DELETE", "/admin/api/services/{service_id}/metrics/{metric_id}/methods/{method_id}", catalog.DeleteMethod},

	// Application plans.
	{"create-application-plan", "POST", "/admin/api/services/{service_id}/application_plans.json", catalog.CreateApplicationPlan},

	// Limits.
	{"create-limit", "POST", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json", catalog.CreateLimit},
}
