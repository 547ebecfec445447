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

// enablePlanFeature is POST feature_id to a plan's features: the feature must
// be its issuer's and meant for its type of plan.
func enablePlanFeature(d *deps.Deps, typ string) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		p, err := featuredPlan(ctx, d, q, typ)
		if err != nil {
			return api.Result{}, err
		}
		fid, _, err := q.Int("feature_id", 0)
		if err != nil || fid <= 0 {
			return api.Result{}, store.ErrNotFound
		}
		var f catalog.Feature
		if err := d.Store.Read(ctx, catalog.FeatureKey(q.Tenant(), p.Service, fid), &f); err != nil {
			return api.Result{}, err
		}
		if f.Scope != p.Type {
			return api.Result{}, apierr.Invalid("plan_type", "does not match the scope of the feature")
		}
		pf := &catalog.PlanFeature{Key: catalog.PlanFeatureKey(q.Tenant(), p.ID, f.ID), Plan: p.ID, Feature: f.ID,
			Index: store.Index{GSI1PK: catalog.PlansWithFeature(q.Tenant(), f.ID), GSI1SK: store.ID(p.ID)}}
		err = d.Store.Tx(q.Tenant()).
			Put(pf).
			MustExist(p.Key, store.ErrNotFound).
			MustExist(f.Key, store.ErrNotFound).
			Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(FeatureObj(q.BaseURL(), &f)), nil
	})
}
