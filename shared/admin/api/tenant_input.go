package api

import "turnpike/shared/model/tenant"

// ReadTenantChanges reads the tenant fields a request sets (flat or account[...]).
func ReadTenantChanges(q *Request, ch *tenant.Changes) error {
	return q.Strs(
		Into("org_name", &ch.OrgName.Value).Sent(&ch.OrgName.Set),
		Into("from_email", &ch.FromEmail.Value).Sent(&ch.FromEmail.Set),
		Into("support_email", &ch.SupportEmail.Value).Sent(&ch.SupportEmail.Set),
		Into("finance_support_email", &ch.FinanceSupportEmail.Value).Sent(&ch.FinanceSupportEmail.Set),
		Into("site_access_code", &ch.SiteAccessCode.Value).Sent(&ch.SiteAccessCode.Set),
	)
}
