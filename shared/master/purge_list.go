package master

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListPurges is GET /master/api/purges (a Turnpike extension): the audit
// records of erased tenants, oldest first: who asked and when, who erased it
// and when, how many items of each kind went.
func ListPurges(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		return api.ListQuery(ctx, d.Store, q, tenant.AuditQuery(), "purges", api.Each(auditObj))
	})
}

func auditObj(a *tenant.Audit) *wire.Obj {
	return wire.NewObj("purge").
		Set("tenant_id", a.Tenant).Set("org_name", a.OrgName).Set("subdomain", a.Subdomain).
		Set("requested_by", a.RequestedBy).Set("requested_at", a.RequestedAt).
		Set("purged_by", a.PurgedBy).Set("purged_at", a.PurgedAt).
		Set("counts", countsObj(a.Counts))
}
