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

// errPricingRace means another pricing change of the plan won; the create retries.
var errPricingRace = apierr.Msg(http.StatusConflict, "The plan's pricing changed meanwhile; retry")

// CreatePricingRule is POST /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.
// Ranges of one plan and metric may not overlap. The check reads the rules and
// the write is conditioned on the plan's pricing version, so two concurrent
// creates cannot both pass the check.
func CreatePricingRule(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "pricing_rule"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		plan, metric, err := planMetric(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		r := &catalog.PricingRule{Plan: plan.ID, Metric: metric.ID, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readPricingRule(q, r); err != nil {
			return api.Result{}, err
		}
		if r.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		r.Key = catalog.PricingRuleKey(q.Tenant(), plan.ID, r.ID)
		r.Index = store.Index{GSI1PK: catalog.RulesOfMetric(q.Tenant(), metric.ID), GSI1SK: catalog.RuleIndexPrefix + store.ID(r.ID)}
		for attempt := 0; ; attempt++ {
			err = addPricingRule(ctx, d, q, plan, metric, r)
			if err != errPricingRace || attempt == 4 {
				break
			}
			if plan, err = catalog.LoadPlan(ctx, d.Store, q.Tenant(), plan.ID, catalog.ApplicationPlan); err != nil {
				return api.Result{}, err
			}
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(PricingRuleObj(q.BaseURL(), r, metric.Service)), nil
	})
}

func addPricingRule(ctx context.Context, d *deps.Deps, q *api.Request, plan *catalog.Plan, metric *catalog.Metric, r *catalog.PricingRule) error {
	var rules []*catalog.PricingRule
	if err := d.Store.All(ctx, ofMetric(catalog.PricingRulePrefix(plan.ID), q.Tenant(), metric.ID), &rules); err != nil {
		return err
	}
	for _, o := range rules {
		if overlaps(o, r) {
			return apierr.Invalid("min", "overlaps with another pricing rule of this metric")
		}
	}
	tx := d.Store.Tx(q.Tenant()).Create(r, nil)
	tx.UpdateIf(plan.Key, store.NewChange().Set("pricing_version", plan.PricingVersion+1),
		store.Exists().And(store.IsOrAbsent("pricing_version", plan.PricingVersion)), errPricingRace)
	tx.MustExist(metric.Key, store.ErrNotFound)
	return tx.Commit(ctx)
}
