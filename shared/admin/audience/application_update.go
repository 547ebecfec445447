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
// name, description, redirect_url and user_key. The plan changes only through
// change_plan and application_id never changes, as in 3scale.
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
		tx.Save(&before, app)
		moveUserKey(tx.Tx, q.Tenant(), app, before.UserKey)
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
