package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
)

// CreateApplicationKey is POST .../applications/{application_id}/keys: the
// given key, or a random one (32 hex characters). Up to 5 keys (1 for OAuth
// and OIDC services); it answers 201 with the application.
func CreateApplicationKey(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		key, _, err := q.Str("key")
		if err != nil {
			return api.Result{}, apierr.Invalid("value", "is invalid")
		}
		if key == "" {
			key = credential.NewKey()
		}
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), app.Service)
		if err != nil {
			return api.Result{}, err
		}
		var v apierr.Validation
		if !validAppKey(key) {
			v.Add("value", keyFormatError(key))
		} else if hasKey(app.Keys, key) {
			v.Add("value", "has already been taken")
		}
		if len(app.Keys) >= appKeysLimit(svc) {
			v.Add("base", "Limit reached")
		}
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		before := *app
		app.Keys = append(app.Keys, key)
		if app.KeyTimes == nil {
			app.KeyTimes = audience.KeyTimes{}
		}
		app.KeyTimes[key], app.UpdatedAt = q.Now, q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		if err := fire(ctx, d, q, tx.Tx, "application", "key_created", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		o, err := newAppViews(d, q).know(acc, svc).obj(ctx, app)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(o), nil
	})
}

// keyFormatError says what is wrong with a key that validAppKey refuses.
func keyFormatError(key string) string {
	switch {
	case len(key) < 5:
		return "is too short (minimum is 5 characters)"
	case len(key) > 255:
		return "is too long (maximum is 255 characters)"
	}
	return "is invalid"
}
