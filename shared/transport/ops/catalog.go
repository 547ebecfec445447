package ops

import "turnpike/shared/admin/catalog"

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

	// Features.
	{"list-account-features", "GET", "/admin/api/features.json", catalog.ListAccountFeatures},
	{"create-account-feature", "POST", "/admin/api/features.json", catalog.CreateAccountFeature},
	{"read-account-feature", "GET", "/admin/api/features/{feature_id}", catalog.ReadAccountFeature},
	{"update-account-feature", "PUT", "/admin/api/features/{feature_id}", catalog.UpdateAccountFeature},
	{"delete-account-feature", "DELETE", "/admin/api/features/{feature_id}", catalog.DeleteAccountFeature},
	{"list-service-features", "GET", "/admin/api/services/{service_id}/features.json", catalog.ListServiceFeatures},
	{"create-service-feature", "POST", "/admin/api/services/{service_id}/features.json", catalog.CreateServiceFeature},
	{"read-service-feature", "GET", "/admin/api/services/{service_id}/features/{feature_id}", catalog.ReadServiceFeature},
	{"update-service-feature", "PUT", "/admin/api/services/{service_id}/features/{feature_id}", catalog.UpdateServiceFeature},
	{"delete-service-feature", "DELETE", "/admin/api/services/{service_id}/features/{feature_id}", catalog.DeleteServiceFeature},
	{"list-application-plan-features", "GET", "/admin/api/application_plans/{plan_id}/features.json", catalog.ListApplicationPlanFeatures},
	{"enable-application-plan-feature", "POST", "/admin/api/application_plans/{plan_id}/features.json", catalog.EnableApplicationPlanFeature},
	{"disable-application-plan-feature", "DELETE", "/admin/api/application_plans/{plan_id}/features/{feature_id}", catalog.DisableApplicationPlanFeature},
	{"list-account-plan-features", "GET", "/admin/api/account_plans/{plan_id}/features.json", catalog.ListAccountPlanFeatures},
	{"enable-account-plan-feature", "POST", "/admin/api/account_plans/{plan_id}/features.json", catalog.EnableAccountPlanFeature},
	{"disable-account-plan-feature", "DELETE", "/admin/api/account_plans/{plan_id}/features/{feature_id}", catalog.DisableAccountPlanFeature},
	{"list-service-plan-features", "GET", "/admin/api/service_plans/{plan_id}/features.json", catalog.ListServicePlanFeatures},
	{"enable-service-plan-feature", "POST", "/admin/api/service_plans/{plan_id}/features.json", catalog.EnableServicePlanFeature},
	{"disable-service-plan-feature", "DELETE", "/admin/api/service_plans/{plan_id}/features/{feature_id}", catalog.DisableServicePlanFeature},
}
