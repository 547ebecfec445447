package ops

import "turnpike/shared/admin/stats"

// Account Management API: what the usage consumer records for the provider,
// the usage history and the integration errors of dropped reports.
var statsOps = []Operation{
	{"list-integration-errors", "GET", "/admin/api/services/{service_id}/errors.json", stats.ListErrors},
	{"delete-integration-errors", "DELETE", "/admin/api/services/{service_id}/errors.json", stats.DeleteErrors},
	{"application-usage-history", "GET", "/stats/applications/{application_id}/usage.json", stats.ApplicationUsage},
	{"service-usage-history", "GET", "/stats/services/{service_id}/usage.json", stats.ServiceUsage},
}
