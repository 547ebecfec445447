package master

import (
	"context"
	"log"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

// ScheduledBatches bounds one scheduled run (a Lambda run is bounded in
// time); the next run goes on where it stopped.
const ScheduledBatches = 2000

// PurgeDue is the scheduled purge: every tenant whose deletion date has
// passed (or whose purge the master asked) is erased.
func PurgeDue(d *deps.Deps) func(context.Context) error {
	return func(ctx context.Context) error {
		reps, err := tenant.PurgeDue(ctx, d.Store, tenant.PurgeOptions{MaxBatches: ScheduledBatches, By: "schedule", Now: d.Now()})
		for _, r := range reps {
			log.Printf("purge: tenant %d done=%v counts=%v", r.Tenant, r.Done, r.Counts)
		}
		return err
	}
}
