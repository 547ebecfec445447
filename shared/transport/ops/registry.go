package ops

import (
	"turnpike/shared/master"
	"turnpike/shared/servicemgmt/authrep"
	"turnpike/shared/transport/health"
)

// registry lists every operation. Adding one means adding a line to the list of
// its area, then `make template` (which writes template.yaml, the function's
// main.go and its sample event); a test says what is missing.
var registry = concat(tenantOps, catalogOps, accountOps, audienceOps, statsOps, webhookOps, gatewayConfigOps, serviceManagementOps)

func concat(lists ...[]Operation) []Operation {
	var out []Operation
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Master API.
var tenantOps = []Operation{
	{"create-provider", "POST", "/master/api/providers.json", master.CreateProvider},
	{"read-tenant", "GET", "/master/api/providers/{provider_id}", master.ReadTenant},
	{"update-tenant", "PUT", "/master/api/providers/{provider_id}", master.UpdateTenant},
	{"delete-tenant", "DELETE", "/master/api/providers/{provider_id}", master.DeleteTenant},
	{"purge-tenant", "POST", "/master/api/providers/{provider_id}/purge.json", master.PurgeTenant},
	{"list-purges", "GET", "/master/api/purges.json", master.ListPurges},
}

// Service Management API.
var serviceManagementOps = []Operation{
	{"authrep", "GET", "/transactions/authrep.xml", authrep.Authrep},
	{"authorize", "GET", "/transactions/authorize.xml", authrep.Authorize},
	{"oauth-authrep", "GET", "/transactions/oauth_authrep.xml", authrep.OAuthAuthrep},
	{"oauth-authorize", "GET", "/transactions/oauth_authorize.xml", authrep.OAuthAuthorize},
	{"report", "POST", "/transactions.xml", authrep.Report},
	{"status", "GET", "/status", authrep.Status},
	{"available", "HEAD", "/available", authrep.Available},
	{"preflight", "OPTIONS", "/transactions/{action}", authrep.Preflight},
	{"preflight-report", "OPTIONS", "/transactions.xml", authrep.Preflight},
	{"check", "GET", "/check.txt", health.Check},
}
