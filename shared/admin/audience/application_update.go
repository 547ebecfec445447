package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// UpdateApplication is PUT /admin/api/accounts/{account_id}/applications/{application_id}:
// name, description, redirect_url, user_key, and plan_id ("updates name,
// description, or plan assignment": a plan of the same service, as
// change_plan takes). application_id never changes, as in 3scale.
func UpdateApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "application"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		before := *app
		if err := readAppUpdate(q, app); err != nil {
			return api.Result{}, err
		}
		app.UpdatedAt = q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		moved, err := readPlanUpdate(ctx, d, q, tx, app)
		if err != nil {
			return api.Result{}, err
		}
		tx.Save(&before, app)
		moveUserKey(tx.Tx, q.Tenant(), app, before.UserKey)
		if err := fire(ctx, d, q, tx.Tx, "application", "updated", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if app.UserKey != before.UserKey {
			if err := fire(ctx, d, q, tx.Tx, "application", "key_updated", app.ID, appXML(ctx, d, q, app)); err != nil {
				return api.Result{}, err
			}
		}
		if moved {
			if err := fire(ctx, d, q, tx.Tx, "application", "plan_changed", app.ID, appXML(ctx, d, q, app)); err != nil {
				return api.Result{}, err
			}
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return appOK(ctx, d, q, acc, app, http.StatusOK)
	})
}

// readAppUpdate applies the fields an update may change.
func readAppUpdate(q *api.Request, app *audience.Application) error {
	var v apierr.Validation
	if s, ok, err := q.Str("name"); err != nil {
		return err
	} else if ok {
		if s == "" {
			v.Add("name", "can't be blank")
		}
		app.Name = s
	}
	if s, ok, err := q.Str("description"); err != nil {
		return err
	} else if ok {
		app.Description = s
	}
	if s, ok, err := q.Str("redirect_url"); err != nil {
		return err
	} else if ok {
		app.RedirectURL = s
	}
	if s, ok, err := q.Str("user_key"); err != nil {
		return err
	} else if ok {
		switch {
		case s == "":
			v.Add("user_key", "can't be blank")
		case !validUserKey(s):
			v.Add("user_key", "is invalid")
		}
		app.UserKey = s
	}
	return v.Err()
}

// moveUserKey moves the user_key claim when the key changed; a key another
// application holds fails the commit with 422.
func moveUserKey(tx *store.Tx, tenant int64, app *audience.Application, oldKey string) {
	if app.UserKey == oldKey {
		return
	}
	audience.DropClaim(tx, tenant, audience.ClaimUserKey, oldKey, app.ID)
	tx.Create(audience.NewClaim(tenant, audience.ClaimUserKey, app.UserKey, app.ID), apierr.Invalid("user_key", "has already been taken"))
}

// readPlanUpdate moves app to the plan plan_id names, if one is sent and it
// differs, in tx (see ChangeApplicationPlan); it tells whether it moved.
func readPlanUpdate(ctx context.Context, d *deps.Deps, q *api.Request, tx *audience.AppTx, app *audience.Application) (bool, error) {
	id, ok, err := q.Int("plan_id", 0)
	if err != nil || !ok || id == app.Plan {
		return false, err
	}
	if id <= 0 {
		return false, store.ErrNotFound
	}
	plan, err := audience.PlanLoad(ctx, d, q.Tenant(), id)
	if err != nil {
		return false, err
	}
	if plan.Service != app.Service || plan.Custom {
		return false, store.ErrNotFound
	}
	if err := tx.LeavePlan(ctx, app); err != nil {
		return false, err
	}
	app.Plan = plan.ID
	tx.Contract(plan.ID, 1)
	return true, nil
}
