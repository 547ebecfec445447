package tenant

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// PurgeDue erases every queued tenant whose time has come (deletion date
// passed, or purge asked), earliest first, within o.MaxBatches batches in
// all; what is left is finished by the next run. A dry run reports what
// would go for the same tenants.
func PurgeDue(ctx context.Context, s *store.Store, o PurgeOptions) ([]*PurgeReport, error) {
	due, err := Due(ctx, s, o.Now, 100)
	if err != nil {
		return nil, err
	}
	var out []*PurgeReport
	spent := 0
	for _, e := range due {
		run := o
		if o.MaxBatches > 0 {
			if run.MaxBatches = o.MaxBatches - spent; run.MaxBatches <= 0 {
				break
			}
		}
		rep, err := Purge(ctx, s, e.Tenant, run)
		switch {
		case errors.Is(err, store.ErrNotFound), errors.Is(err, ErrNotDue), errors.Is(err, ErrNotPurgeable):
			// Resumed or gone since it was queued: a stale entry, not work.
			continue
		case errors.Is(err, ErrPurgeRunning):
			continue // another run is on it
		case err != nil:
			return out, err
		}
		out = append(out, rep)
		if !rep.Done && !o.DryRun {
			break // the budget is spent
		}
		spent += rep.Batches
	}
	return out, nil
}
