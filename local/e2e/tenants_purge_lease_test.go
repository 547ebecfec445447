package e2e

import (
	"context"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/tenant"
)

// Two runs of one tenant's purge never overlap: while a run holds it, a
// master's purge request answers 409 and the schedule leaves the tenant to
// that run, and the audit record counts every item exactly once.
func TestTenantPurgeRunsNeverOverlap(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn, _ := richTenant(t, env)
	before := countItems(tableItems(t, env, tn.ID))
	path := "/master/api/providers/" + testenv.S(tn.ID)
	tenantEvent(t, env, tn.ID, "suspend", 200)
	d := env.Server.Deps
	ctx := context.Background()
	if _, err := tenant.RequestPurge(ctx, d.Store, tn.ID, "master access token", d.Now()); err != nil {
		t.Fatal(err)
	}
	checked := false
	rep, err := tenant.Purge(ctx, d.Store, tn.ID, tenant.PurgeOptions{By: "test", Now: d.Now(), AfterBatch: func(_ int64, n int) {
		if n != 1 {
			return
		}
		status(t, master(t, env, "POST", path+"/purge.json", nil), 409, "already running")
		if err := env.Server.RunScheduled(ctx, "purge-tenants"); err != nil {
			t.Error(err)
		}
		checked = true
	}})
	if err != nil || !rep.Done || !checked {
		t.Fatalf("purge: %+v %v (checked %v)", rep, err, checked)
	}
	if left := tableItems(t, env, tn.ID); countItems(left) != 0 {
		t.Fatalf("left: %v", left)
	}
	var total int64
	for _, n := range rep.Audit.Counts {
		total += n
	}
	if int(total) != before {
		t.Errorf("audit counts %d items, the tables held %d: %v", total, before, rep.Audit.Counts)
	}
}
