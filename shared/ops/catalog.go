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
	{"list-all-application-plans", "GET", "/admin/api/application_plans.json", catalog.ListAllApplicationPlans},
	{"list-application-plans", "GET", "/admin/api/services/{service_id}/application_plans.json", catalog.ListApplicationPlans},
	{"create-application-plan", "POST", "/admin/api/services/{service_id}/application_plans.json", catalog.CreateApplicationPlan},
	{"read-application-plan", "GET", "/admin/api/services/{service_id}/application_plans/{plan_id}", catalog.ReadApplicationPlan},
	{"update-application-plan", "PUT", "/admin/api/services/{service_id}/application_plans/{plan_id}", catalog.UpdateApplicationPlan},
	{"delete-application-plan", "DELETE", "/admin/api/services/{service_id}/application_plans/{plan_id}", catalog.DeleteApplicationPlan},
	{"set-default-application-plan", "PUT", "/admin/api/services/{service_id}/application_plans/{plan_id}/default.json", catalog.SetDefaultApplicationPlan},

	// Service plans.
	{"list-all-service-plans", "GET", "/admin/api/service_plans.json", catalog.ListAllServicePlans},
	{"list-service-plans", "GET", "/admin/api/services/{service_id}/service_plans.json", catalog.ListServicePlans},
	{"create-service-plan", "POST", "/admin/api/services/{service_id}/service_plans.json", catalog.CreateServicePlan},
	{"read-service-plan", "GET", "/admin/api/services/{service_id}/service_plans/{plan_id}", catalog.ReadServicePlan},
	{"update-service-plan", "PUT", "/admin/api/services/{service_id}/service_plans/{plan_id}", catalog.UpdateServicePlan},
	{"delete-service-plan", "DELETE", "/admin/api/services/{service_id}/service_plans/{plan_id}", catalog.DeleteServicePlan},
	{"set-default-service-plan", "PUT", "/admin/api/services/{service_id}/service_plans/{plan_id}/default.json", catalog.SetDefaultServicePlan},

	// Account plans.
	{"list-account-plans", "GET", "/admin/api/account_plans.json", catalog.ListAccountPlans},
	{"create-account-plan", "POST", "/admin/api/account_plans.json", catalog.CreateAccountPlan},
	{"read-account-plan", "GET", "/admin/api/account_plans/{plan_id}", catalog.ReadAccountPlan},
	{"update-account-plan", "PUT", "/admin/api/account_plans/{plan_id}", catalog.UpdateAccountPlan},
	{"delete-account-plan", "DELETE", "/admin/api/account_plans/{plan_id}", catalog.DeleteAccountPlan},
	{"set-default-account-plan", "PUT", "/admin/api/account_plans/{plan_id}/default.json", catalog.SetDefaultAccountPlan},

	// Limits.
	{"list-plan-limits", "GET", "/admin/api/application_plans/{plan_id}/limits.json", catalog.ListPlanLimits},
	{"list-metric-limits", "GET", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json", catalog.ListMetricLimits},
	{"create-limit", "POST", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json", catalog.CreateLimit},
	{"read-limit", "GET", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}", catalog.ReadLimit},
	{"update-limit", "PUT", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}", catalog.UpdateLimit},
	{"delete-limit", "DELETE", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}", catalog.DeleteLimit},

	// Pricing rules.
	{"list-plan-pricing-rules", "GET", "/admin/api/application_plans/{plan_id}/pricing_rules.json", catalog.ListPlanPricingRules},
	{"list-metric-pricing-rules", "GET", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.json", catalog.ListMetricPricingRules},
	{"create-pricing-rule", "POST", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.json", catalog.CreatePricingRule},
	{"delete-pricing-rule", "DELETE", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules/{rule_id}", catalog.DeletePricingRule},
}
