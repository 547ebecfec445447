package settings

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/settings"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// UpdateSettings is PUT /admin/api/settings (JSON only): fields not sent keep their value.
func UpdateSettings(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true, Wrapper: "settings"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var out *settings.Settings
		err := store.Optimistic(ctx, func() error {
			s, err := settings.Load(ctx, d.Store, q.Tenant())
			if err != nil {
				return err
			}
			unchanged := store.Absent()
			if !s.UpdatedAt.IsZero() {
				unchanged = store.UnchangedSince(s.UpdatedAt)
			}
			stored := s.AccountApprovalRequired
			plan, err := settings.ShowDefaultPlan(ctx, d.Store, q.Tenant(), s)
			if err != nil {
				return err
			}
			if err := read(q, s); err != nil {
				return err
			}
			s.UpdatedAt = q.Now
			shown := *s
			out = &shown
			tx := d.Store.Tx(q.Tenant())
			if plan != nil {
				// The flag is the default account plan's; the stored one waits for a tenant without.
				if s.AccountApprovalRequired != plan.ApprovalRequired {
					err := catalog.SetDefaultAccountPlanApproval(tx, q.Tenant(), plan, s.AccountApprovalRequired, q.Now, store.ErrStale)
					if err != nil {
						return err
					}
				}
				s.AccountApprovalRequired = stored
			}
			return tx.PutIf(s, unchanged, store.ErrStale).Commit(ctx)
		})
		if errors.Is(err, store.ErrStale) {
			return api.Result{}, apierr.Msg(http.StatusConflict, "Changed concurrently, try again").WithCause(err)
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(Obj(out)), nil
	})
}

// read applies the parameters sent to s.
func read(q *api.Request, s *settings.Settings) error {
	for _, f := range []struct {
		name string
		dst  *bool
	}{
		{"useraccountarea_enabled", &s.UserAccountArea}, {"signups_enabled", &s.SignupsEnabled},
		{"account_approval_required", &s.AccountApprovalRequired}, {"public_search", &s.PublicSearch},
		{"account_plans_ui_visible", &s.AccountPlansUIVisible}, {"service_plans_ui_visible", &s.ServicePlansUIVisible},
		{"enforce_sso", &s.EnforceSSO},
	} {
		v, _, err := q.Bool(f.name, *f.dst)
		if err != nil {
			return err
		}
		*f.dst = v
	}
	if q.Has("hide_service") {
		v, _, err := q.Bool("hide_service", false)
		if err != nil {
			return err
		}
		s.HideService = &v
	}
	var v apierr.Validation
	for _, f := range []struct {
		name string
		dst  *string
	}{{"change_account_plan_permission", &s.ChangeAccountPlanPermission}, {"change_service_plan_permission", &s.ChangeServicePlanPermission}} {
		p, ok, err := q.Str(f.name)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if !slices.Contains(settings.PlanPermissions, p) {
			v.Add(f.name, "is not included in the list")
		}
		*f.dst = p
	}
	// Single sign-on needs an authentication provider, and Turnpike has none to publish.
	if s.EnforceSSO {
		v.Add("enforce_sso", "cannot be enabled without a published authentication provider")
	}
	return v.Err()
}
