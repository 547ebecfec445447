package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// CreateLimit is POST /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.
func CreateLimit(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "usage_limit"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, metric, err := planMetric(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		l := &catalog.Limit{Plan: plan.ID, Metric: metric.ID, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readLimit(q, l, true); err != nil {
			return api.Result{}, err
		}
		if l.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		l.Key = catalog.LimitKey(q.Tenant(), plan.ID, l.ID)
		l.Index = store.Index{GSI1PK: catalog.RulesOfMetric(q.Tenant(), metric.ID), GSI1SK: catalog.LimitIndexPrefix + store.ID(l.ID)}
		tx := d.Store.Tx(q.Tenant()).
			Create(l, nil).
			Create(store.NewClaim(q.Tenant(), "limit", catalog.LimitClaim(plan.ID, metric.ID, l.Period), l.ID), catalog.ErrPeriodTaken)
		checkPlanMetric(tx, plan, metric)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(LimitObj(q.BaseURL(), l, metric.Service)), nil
	})
}

// checkPlanMetric adds to tx the conditions that the plan and the metric still exist.
func checkPlanMetric(tx *store.Tx, plan *catalog.Plan, metric *catalog.Metric) {
	tx.MustExist(plan.Key, store.ErrNotFound)
	tx.MustExist(metric.Key, store.ErrNotFound)
}

// pathPlan loads the application plan named by {plan_id}; a plan of a deleted service is gone.
func pathPlan(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Plan, error) {
	pid, err := q.ID("plan_id")
	if err != nil {
		return nil, err
	}
	plan, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), pid, catalog.ApplicationPlan)
	if err != nil {
		return nil, err
	}
	if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), plan.Service); err != nil {
		return nil, err
	}
	return plan, nil
}

// planMetric loads the application plan and the metric (of the plan's service) named by the path.
func planMetric(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Plan, *catalog.Metric, error) {
	plan, err := pathPlan(ctx, d, q)
	if err != nil {
		return nil, nil, err
	}
	mid, err := q.ID("metric_id")
	if err != nil {
		return nil, nil, err
	}
	metric, err := catalog.LoadMetric(ctx, d.Store, q.Tenant(), plan.Service, mid)
	if err != nil {
		return nil, nil, err
	}
	return plan, metric, nil
}

// readLimit reads period and value; a blank or negative value is stored as 0, as 3scale does.
func readLimit(q *api.Request, l *catalog.Limit, creating bool) error {
	var v apierr.Validation
	period, ok, err := q.Str("period")
	if err != nil {
		return err
	}
	if ok || creating {
		if !catalog.ValidPeriod(period) {
			v.Add("period", "is invalid")
		}
		l.Period = period
	}
	value, _, err := q.Int("value", l.Value)
	if err != nil {
		return err
	}
	if value < 0 {
		value = 0
	}
	l.Value = value
	return v.Err()
}
