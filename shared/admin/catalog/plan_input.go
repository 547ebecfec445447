package catalog

import (
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
)

// planEvents is 3scale's plan state machine: event → (from → to).
var planEvents = map[string][2]string{"publish": {"hidden", "published"}, "hide": {"published", "hidden"}}

// readPlan reads and validates a plan's parameters; creating reads
// system_name too (it cannot change afterwards).
func readPlan(q *api.Request, p *catalog.Plan, creating bool) error {
	var v apierr.Validation
	if name, ok, err := q.Str("name"); err != nil {
		return err
	} else if ok || creating {
		p.Name = name
	}
	catalog.CheckName(&v, p.Name)
	if creating {
		sys, _, err := q.Str("system_name")
		if err != nil {
			return err
		}
		if sys == "" && p.Name != "" {
			sys = catalog.SystemNameFor(p.Type, p.Name)
		}
		p.SystemName = sys
		if p.Name != "" || sys != "" {
			catalog.CheckSystemName(&v, sys)
		}
	}
	if s, ok, err := q.Str("description"); err != nil {
		return err
	} else if ok {
		p.Description = s
		if len(s) > 65535 {
			v.Add("description", "is too long (maximum is 65535 characters)")
		}
	}
	var err error
	if p.ApprovalRequired, _, err = q.Bool("approval_required", p.ApprovalRequired); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		dst  *float64
	}{{"setup_fee", &p.SetupFee}, {"cost_per_month", &p.CostPerMonth}} {
		if *f.dst, _, err = q.Float(f.name, *f.dst); err != nil {
			return err
		}
		if *f.dst < 0 {
			v.Add(f.name, "must be greater than or equal to 0")
		}
	}
	for _, f := range []struct {
		name string
		dst  *int64
	}{{"trial_period_days", &p.TrialPeriodDays}, {"cancellation_period", &p.CancellationPeriod}} {
		if *f.dst, _, err = q.Int(f.name, *f.dst); err != nil {
			return err
		}
		if *f.dst < 0 {
			v.Add(f.name, "must be greater than or equal to 0")
		}
	}
	if ev, ok, err := q.Str("state_event"); err != nil {
		return err
	} else if ok && ev != "" {
		t, known := planEvents[ev]
		switch {
		case !known:
			v.Add("state_event", "is invalid")
		case p.State != t[0]:
			v.Add("state", "cannot transition via "+strconv.Quote(ev))
		default:
			p.State = t[1]
		}
	}
	return v.Err()
}
