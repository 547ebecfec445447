package audience

import (
	"context"
	"net/http"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteApplicationKey is DELETE .../applications/{application_id}/keys/{key}.
// The key is the last path segment (a key ending in .json or .xml needs the
// format extension added after it). The last key may be deleted, as in 3scale.
func DeleteApplicationKey(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		_, app, err := appOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		i := keyIndex(app.Keys, q.Var("key"))
		if i < 0 {
			return api.Result{}, store.ErrNotFound
		}
		before := *app
		key := app.Keys[i]
		app.Keys = append(app.Keys[:i:i], app.Keys[i+1:]...)
		delete(app.KeyTimes, key)
		app.UpdatedAt = q.Now
		tx := audience.NewAppTx(d, q.Tenant())
		tx.Save(&before, app)
		if err := fire(ctx, d, q, tx.Tx, "application", "key_deleted", app.ID, appXML(ctx, d, q, app)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// keyIndex finds a key, exactly or else ignoring case (keys are unique ignoring case).
func keyIndex(keys []string, key string) int {
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	for i, k := range keys {
		if strings.EqualFold(k, key) {
			return i
		}
	}
	return -1
}
