package proxy

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// errInvalidEnv is porta's answer to an unknown environment.
func errInvalidEnv(status int) error {
	return apierr.Msg(status, "invalid environment")
}

// pathEnv reads the {environment} segment of a per-service config path.
func pathEnv(ctx context.Context, d *deps.Deps, q *api.Request) (int64, string, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return 0, "", err
	}
	if _, err := proxy.LoadCatalog(ctx, d.Store, q.Tenant(), sid, ""); err != nil {
		if errors.Is(err, proxy.ErrNoProduct) {
			return 0, "", apierr.NotFound()
		}
		return 0, "", err
	}
	env, ok := proxy.Env(q.Var("environment"))
	if !ok {
		return 0, "", errInvalidEnv(http.StatusBadRequest)
	}
	return sid, env, nil
}

// pathConfig reads the config a path names by version.
func pathConfig(ctx context.Context, d *deps.Deps, q *api.Request) (*proxy.Config, error) {
	sid, env, err := pathEnv(ctx, d, q)
	if err != nil {
		return nil, err
	}
	ver, ok := store.ParseID(q.Var("version"))
	if !ok {
		return nil, apierr.NotFound()
	}
	var c proxy.Config
	k := proxy.ConfigKey(q.Tenant(), sid, env, ver)
	if err := d.Store.Get(ctx, k.PK, k.SK, &c); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, apierr.NotFound()
		}
		return nil, err
	}
	return &c, nil
}
