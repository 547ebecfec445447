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

// errPlanInUse refuses deleting a plan with applications or subscriptions.
var errPlanInUse = apierr.Refused("base", "This plan has contracts (applications or subscriptions) and cannot be deleted")

// deletePlan is DELETE of a plan of type typ, with its limits, pricing rules
// and features. A plan in use is refused (403 with errors, as 3scale does);
// the check is part of the final transaction, so a contract made meanwhile
// also stops it.
func deletePlan(d *deps.Deps, typ string) http.Handler {
	return onePlan(d, typ, api.Spec{}, func(ctx context.Context, q *api.Request, ps *planScope, p *catalog.Plan) (api.Result, error) {
		if p.Contracts > 0 {
			return api.Result{}, errPlanInUse
		}
		err := DeletePlan(ctx, d.Store, q.Tenant(), p, func(tx *store.Tx) { ps.clearDefault(tx, q.Tenant(), p) })
		if err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// DeletePlan deletes a plan without contracts (else 403 with errors), its
// system name, listings, limits, pricing rules and features; also adds what
// else must change in the final transaction (the applications code deletes
// custom plans with it).
func DeletePlan(ctx context.Context, s *store.Store, t int64, p *catalog.Plan, also func(*store.Tx)) error {
	dependents, err := planDependents(ctx, s, t, p.ID)
	if err != nil {
		return err
	}
	tx := s.Tx(t)
	tx.DeleteIf(p.Key, store.ZeroOrAbsent("contracts"), errPlanInUse)
	ck := store.ClaimKey(t, "plan", catalog.PlanClaim(p))
	tx.Delete(ck.PK, ck.SK)
	for _, dir := range catalog.PlanDirs(p) {
		catalog.DirRemove(tx, t, dir, p.ID)
	}
	if also != nil {
		also(tx)
	}
	return catalog.CommitWithDeletes(ctx, s, t, tx, dependents)
}

// planDependents lists the keys of a plan's limits (with their claims),
// pricing rules and enabled features, limit pairs first.
func planDependents(ctx context.Context, s *store.Store, t, plan int64) ([]store.Key, error) {
	limits, err := catalog.Limits(ctx, s, t, plan)
	if err != nil {
		return nil, err
	}
	keys := catalog.LimitKeys(t, limits)
	for _, prefix := range []string{catalog.PricingRulePrefix(plan), catalog.PlanFeaturePrefix(plan)} {
		var ks []store.Key
		if err := s.All(ctx, store.Query{PK: store.TenantPK(t), Prefix: prefix}, &ks); err != nil {
			return nil, err
		}
		keys = append(keys, ks...)
	}
	return keys, nil
}
