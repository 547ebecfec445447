package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/deps"
)

// CreateApplicationPlan is POST /admin/api/services/{service_id}/application_plans.
func CreateApplicationPlan(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "application_plan"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		p := &Plan{Type: ApplicationPlan, Service: svc.ID, State: "hidden", CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readPlan(q, p, true); err != nil {
			return api.Result{}, err
		}
		if p.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		p.Key = PlanKey(q.Tenant(), p.ID)
		p.Index = planIndex(q.Tenant(), p)
		taken := apierr.Invalid("system_name", "has already been taken")
		err = d.Store.Tx(q.Tenant()).
			Create(p, nil).
			Create(claim(q.Tenant(), "plan", planClaim(p), p.ID), taken).
			Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(PlanObj(q.BaseURL(), p, false)), nil
	})
}

// readPlan reads and validates a plan's parameters; creating reads system_name too.
func readPlan(q *api.Request, p *Plan, creating bool) error {
	var v apierr.Validation
	if name, ok, err := q.Str("name"); err != nil {
		return err
	} else if ok || creating {
		if name == "" {
			v.Add("name", "can't be blank")
		}
		p.Name = name
	}
	if creating {
		sys, _, err := q.Str("system_name")
		if err != nil {
			return err
		}
		if sys == "" {
			sys = SystemName(p.Name)
		}
		if p.Name != "" && (sys == "" || !systemNameRE.MatchString(sys)) {
			v.Add("system_name", "invalid. Only ASCII letters, numbers, dashes and underscores are allowed")
		}
		p.SystemName = sys
	}
	if s, ok, err := q.Str("description"); err != nil {
		return err
	} else if ok {
		p.Description = s
	}
	var err error
	if p.ApprovalRequired, _, err = q.Bool("approval_required", p.ApprovalRequired); err != nil {
		return err
	}
	if p.SetupFee, _, err = q.Float("setup_fee", p.SetupFee); err != nil {
		return err
	}
	if p.CostPerMonth, _, err = q.Float("cost_per_month", p.CostPerMonth); err != nil {
		return err
	}
	if p.TrialPeriodDays, _, err = q.Int("trial_period_days", p.TrialPeriodDays); err != nil {
		return err
	}
	if p.CancellationPeriod, _, err = q.Int("cancellation_period", p.CancellationPeriod); err != nil {
		return err
	}
	if p.SetupFee < 0 {
		v.Add("setup_fee", "must be greater than or equal to 0")
	}
	if p.CostPerMonth < 0 {
		v.Add("cost_per_month", "must be greater than or equal to 0")
	}
	if p.TrialPeriodDays < 0 {
		v.Add("trial_period_days", "must be greater than or equal to 0")
	}
	if p.CancellationPeriod < 0 {
		v.Add("cancellation_period", "must be greater than or equal to 0")
	}
	if ev, ok, err := q.Str("state_event"); err != nil {
		return err
	} else if ok && ev != "" {
		switch ev {
		case "publish":
			p.State = "published"
		case "hide":
			p.State = "hidden"
		default:
			v.Add("state_event", "is invalid")
		}
	}
	return v.Err()
}
