package master

import (
	"context"
	"net/http"
	"sort"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// PurgeTenant is POST /master/api/providers/{id}/purge (a Turnpike
// extension: 3scale's console does it by hand): a suspended tenant or one
// scheduled for deletion is erased now, never an approved one. dry_run=true
// reports what would go and changes nothing. max_batches bounds the work of
// this call; what is left stays queued and the next call or the scheduled
// purge finishes it (202 until then, 200 with the audit record once done).
func PurgeTenant(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("provider_id")
		if err != nil {
			return api.Result{}, err
		}
		dry, _, err := q.Bool("dry_run", false)
		if err != nil {
			return api.Result{}, err
		}
		max, _, err := q.Int("max_batches", 0)
		if err != nil {
			return api.Result{}, err
		}
		o := tenant.PurgeOptions{DryRun: dry, MaxBatches: int(max), By: q.Who.Via, Now: q.Now}
		if !dry {
			if _, err := tenant.RequestPurge(ctx, d.Store, id, q.Who.Via, q.Now); err != nil {
				return api.Result{}, httpError(err)
			}
		}
		rep, err := tenant.Purge(ctx, d.Store, id, o)
		if err != nil {
			return api.Result{}, httpError(err)
		}
		res := api.OK(purgeObj(rep, dry))
		if !dry && !rep.Done {
			res.Status = http.StatusAccepted
		}
		return res, nil
	})
}

// purgeObj represents a purge run: the tenant, whether it is over, the counts.
func purgeObj(r *tenant.PurgeReport, dry bool) *wire.Obj {
	o := wire.NewObj("purge").Set("tenant_id", r.Tenant).Set("dry_run", dry).Set("done", r.Done)
	if r.Audit != nil {
		o.Set("requested_by", r.Audit.RequestedBy).Set("requested_at", r.Audit.RequestedAt).
			Set("purged_by", r.Audit.PurgedBy).Set("purged_at", r.Audit.PurgedAt)
	}
	return o.Set("counts", countsObj(r.Counts))
}

func countsObj(counts map[string]int64) *wire.Obj {
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	o := wire.NewObj("counts")
	for _, k := range kinds {
		o.Set(k, counts[k])
	}
	return o
}
