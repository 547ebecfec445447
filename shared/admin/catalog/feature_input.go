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

// featureScopes maps the scope parameter of service features to the rendered scope.
var featureScopes = map[string]string{"ApplicationPlan": catalog.ScopeApplicationPlan, "ServicePlan": catalog.ScopeServicePlan,
	catalog.ScopeApplicationPlan: catalog.ScopeApplicationPlan, catalog.ScopeServicePlan: catalog.ScopeServicePlan}

// featureOwner is the owner of the features a request addresses: the service
// of the path, or the tenant itself (0).
func featureOwner(ctx context.Context, d *deps.Deps, q *api.Request, ofService bool) (int64, error) {
	if !ofService {
		return 0, nil
	}
	svc, err := pathService(ctx, d, q)
	if err != nil {
		return 0, err
	}
	return svc.ID, nil
}

// oneFeature serves an operation on the feature named by the path, of the
// tenant or of the service of the path.
func oneFeature(d *deps.Deps, ofService bool, spec api.Spec, h func(context.Context, *api.Request, *catalog.Feature) (api.Result, error)) http.Handler {
	return api.Admin(d, spec, func(ctx context.Context, q *api.Request) (api.Result, error) {
		owner, err := featureOwner(ctx, d, q, ofService)
		if err != nil {
			return api.Result{}, err
		}
		f, err := loadFeature(ctx, d, q, owner)
		if err != nil {
			return api.Result{}, err
		}
		return h(ctx, q, f)
	})
}

// loadFeature reads the feature named by {feature_id} of an owner.
func loadFeature(ctx context.Context, d *deps.Deps, q *api.Request, owner int64) (*catalog.Feature, error) {
	id, err := q.ID("feature_id")
	if err != nil {
		return nil, err
	}
	var f catalog.Feature
	if err := d.Store.Read(ctx, catalog.FeatureKey(q.Tenant(), owner, id), &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// readFeature reads name, system_name, description and, when creating a
// service feature, its scope (application plans unless told otherwise).
func readFeature(q *api.Request, f *catalog.Feature, creating bool) error {
	var v apierr.Validation
	if s, ok, err := q.Str("name"); err != nil {
		return err
	} else if ok || creating {
		f.Name = s
	}
	catalog.CheckName(&v, f.Name)
	if s, ok, err := q.Str("description"); err != nil {
		return err
	} else if ok {
		f.Description = s
		if len(s) > 65535 {
			v.Add("description", "is too long (maximum is 65535 characters)")
		}
	}
	sys, ok, err := q.Str("system_name")
	if err != nil {
		return err
	}
	if ok && sys != "" {
		f.SystemName = sys
	} else if creating && f.Name != "" {
		f.SystemName = catalog.SystemNameFor("feature", f.Name)
	}
	if f.Name != "" || f.SystemName != "" {
		catalog.CheckSystemName(&v, f.SystemName)
	}
	if creating && f.Owner != 0 {
		scope, _, err := q.Str("scope")
		if err != nil {
			return err
		}
		if scope == "" {
			scope = "ApplicationPlan"
		}
		if f.Scope = featureScopes[scope]; f.Scope == "" {
			v.Add("scope", "must be ApplicationPlan or ServicePlan")
		}
	}
	return v.Err()
}

func featureClaim(f *catalog.Feature) string { return store.ID(f.Owner) + "#" + f.SystemName }
