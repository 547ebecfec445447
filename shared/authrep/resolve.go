package authrep

import (
	"context"
	"errors"

	"turnpike/shared/apierr"
	"turnpike/shared/audience"
	"turnpike/shared/catalog"
	"turnpike/shared/credential"
	"turnpike/shared/deps"
	"turnpike/shared/params"
	"turnpike/shared/store"
	"turnpike/shared/tenant"
)

// target is what a request's credentials resolve to.
type target struct {
	tenant  *tenant.Tenant
	service *catalog.Service
}

// resolveService applies 3scale's credential and service rules in their order.
func resolveService(ctx context.Context, d *deps.Deps, c *call) (*target, *apierr.Error) {
	pk, token, sid := c.str("provider_key"), c.str("service_token"), c.str("service_id")
	var tid int64
	var err error
	if pk == "" {
		if token == "" {
			return nil, errCredentialsRequired()
		}
		if sid == "" {
			return nil, errServiceIDMissing()
		}
		id, ok := store.ParseID(sid)
		if !ok {
			return nil, errServiceTokenInvalid(token, sid)
		}
		if tid, err = credential.LookupServiceToken(ctx, d.Store, token, id); err != nil {
			if errors.Is(err, credential.ErrUnknown) {
				return nil, errServiceTokenInvalid(token, sid)
			}
			return nil, apierr.Unavailable(err)
		}
	} else if tid, err = credential.LookupProviderKey(ctx, d.Store, pk); err != nil && !errors.Is(err, credential.ErrUnknown) {
		return nil, apierr.Unavailable(err)
	}
	if _, ok := c.p.Get("user_id"); ok {
		return nil, errEndUsers()
	}
	if v, ok := c.p.Get("usage"); ok && v.Kind != params.Map {
		return nil, errUsageNotHash()
	}
	if tid == 0 {
		if sid == "" {
			return nil, errProviderKeyOrService(pk)
		}
		return nil, errProviderKeyInvalid(pk)
	}
	t, err := tenant.Load(ctx, d.Store, tid)
	if err != nil {
		if errors.Is(err, tenant.ErrNotFound) {
			return nil, errProviderKeyInvalid(pk)
		}
		return nil, apierr.Unavailable(err)
	}
	if t.State == tenant.ScheduledForDeletion || t.State == tenant.Suspended {
		// A tenant on its way out is refused at once, as if its credentials were gone.
		if pk == "" {
			return nil, errServiceTokenInvalid(token, sid)
		}
		return nil, errProviderKeyInvalid(pk)
	}
	svcID := t.DefaultService
	if sid != "" {
		id, ok := store.ParseID(sid)
		if !ok {
			return nil, errServiceIDInvalid(sid)
		}
		svcID = id
	}
	svc, err := catalog.LoadService(ctx, d.Store, tid, svcID)
	if err != nil {
		if apierr.As(err).HTTP == 404 {
			if sid == "" {
				return nil, errProviderKeyOrService(pk)
			}
			return nil, errServiceIDInvalid(sid)
		}
		return nil, apierr.Unavailable(err)
	}
	return &target{tenant: t, service: svc}, nil
}

// resolveApplication finds the application named by user_key or app_id.
func resolveApplication(ctx context.Context, d *deps.Deps, c *call, tg *target) (*audience.Application, *apierr.Error) {
	appID, userKey := c.str("app_id"), c.str("user_key")
	if appID != "" && userKey != "" {
		return nil, errBothCredentials()
	}
	kind, value := audience.ClaimAppID, appID
	if tg.service.BackendVersion == "1" {
		kind, value = audience.ClaimUserKey, userKey
		if value == "" {
			return nil, errUserKeyInvalid("")
		}
	} else if value == "" {
		return nil, errAppNotFound("")
	}
	notFound := errAppNotFound(value)
	if kind == audience.ClaimUserKey {
		notFound = errUserKeyInvalid(value)
	}
	id, err := audience.FindClaim(ctx, d.Store, tg.tenant.ID, kind, value)
	if err != nil {
		return nil, apierr.Unavailable(err)
	}
	if id == 0 {
		return nil, notFound
	}
	app, err := audience.LoadApplication(ctx, d.Store, tg.tenant.ID, id)
	if err != nil {
		if apierr.As(err).HTTP == 404 {
			return nil, notFound
		}
		return nil, apierr.Unavailable(err)
	}
	if app.Service != tg.service.ID {
		return nil, notFound
	}
	return app, nil
}
