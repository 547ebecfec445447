package ops

import (
	"turnpike/shared/audience"
	"turnpike/shared/authrep"
	"turnpike/shared/catalog"
	"turnpike/shared/health"
	"turnpike/shared/master"
)

// registry: one line per operation. Adding an operation means adding it here,
// then `make template` and a functions/<name>/main.go (a test says what is missing).
var registry = []Operation{
	// Master API
	{"create-provider", "POST", "/master/api/providers.json", master.CreateProvider},
	{"read-provider", "GET", "/admin/api/provider.json", master.ReadProvider},

	// Account Management API: catalog
	{"create-service", "POST", "/admin/api/services.json", catalog.CreateService},
	{"list-service-tokens", "GET", "/admin/api/services/{service_id}/service_tokens.json", catalog.ListServiceTokens},
	{"create-service-token", "POST", "/admin/api/services/{service_id}/service_tokens.json", catalog.CreateServiceToken},
	{"create-application-plan", "POST", "/admin/api/services/{service_id}/application_plans.json", catalog.CreateApplicationPlan},
	{"create-limit", "POST", "/admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json", catalog.CreateLimit},

	// Account Management API: audience
	{"signup", "POST", "/admin/api/signup.json", audience.Signup},
	{"create-application", "POST", "/admin/api/accounts/{account_id}/applications.json", audience.CreateApplication},

	// Service Management API
	{"authrep", "GET", "/transactions/authrep.xml", authrep.Authrep},
	{"check", "GET", "/check.txt", health.Check},
}
