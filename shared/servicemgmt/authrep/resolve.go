package authrep

import (
	"context"
	"errors"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/confcache"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
)

// target is what a request's credentials resolve to.
type target struct {
	ca      *cache
	tenant  int64
	conf    *confcache.Config
	service *serviceConf
}

// resolveService applies 3scale's credential and service rules in their order;
// between runs the endpoint's own checks after the credentials are known and
// before the service is resolved. In steady state it reads only the tenant's
// head; the rest comes from the cache.
func resolveService(ctx context.Context, d *deps.Deps, ca *cache, c *call, between func() *apierr.Error) (*target, *apierr.Error) {
	pk, token, sid := c.str("provider_key"), c.str("service_token"), c.str("service_id")
	var credKey string
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
		credKey = "st\x00" + token + "\x00" + sid
		if tid, err = lookupCred(ctx, ca, credKey, func() (int64, error) { return credential.LookupServiceToken(ctx, d.Store, token, id) }); err != nil {
			return nil, apierr.Unavailable(err)
		}
		if tid == 0 {
			return nil, errServiceTokenInvalid(token, sid)
		}
	} else {
		credKey = "pk\x00" + pk
		if tid, err = lookupCred(ctx, ca, credKey, func() (int64, error) { return credential.LookupProviderKey(ctx, d.Store, pk) }); err != nil {
			return nil, apierr.Unavailable(err)
		}
	}
	if e := between(); e != nil {
		return nil, e
	}
	credInvalid := func() *apierr.Error {
		if pk == "" {
			return errServiceTokenInvalid(token, sid)
		}
		if sid == "" {
			return errProviderKeyOrService(pk)
		}
		return errProviderKeyInvalid(pk)
	}
	if tid == 0 {
		return nil, credInvalid()
	}
	h, found, err := c.readHead(ctx, d, tid)
	if err != nil {
		return nil, apierr.Unavailable(err)
	}
	var conf *confcache.Config
	var tc *tenantConf
	if found {
		conf = ca.at(tid, h.ver)
		if tc, found, err = loadTenant(ctx, d, ca, conf, tid, h.ver); err != nil {
			return nil, apierr.Unavailable(err)
		}
	}
	if !found || tc.refused() {
		// A tenant on its way out is refused at once, as if its credentials were gone.
		ca.dropCred(credKey)
		if pk != "" {
			return nil, errProviderKeyInvalid(pk)
		}
		return nil, credInvalid()
	}
	// A credential confirmed at another version is looked up again: rotating or
	// removing it bumped its tenant's version.
	if e, _ := ca.cred(credKey); e.Ver != h.ver {
		var again int64
		if pk == "" {
			id, _ := store.ParseID(sid)
			again, err = credential.LookupServiceToken(ctx, d.Store, token, id)
		} else {
			again, err = credential.LookupProviderKey(ctx, d.Store, pk)
		}
		if err != nil && !errors.Is(err, credential.ErrUnknown) {
			return nil, apierr.Unavailable(err)
		}
		if again != tid {
			ca.dropCred(credKey)
			return nil, credInvalid()
		}
		ca.setCred(credKey, confcache.Cred{Tenant: tid, Ver: h.ver})
	}
	svcID := tc.defaultService
	if sid != "" {
		id, ok := store.ParseID(sid)
		if !ok {
			return nil, errServiceIDInvalid(sid)
		}
		svcID = id
	}
	sc, err := loadService(ctx, d, ca, conf, tid, svcID)
	if err != nil {
		return nil, apierr.Unavailable(err)
	}
	if sc == nil {
		if sid == "" {
			return nil, errProviderKeyOrService(pk)
		}
		return nil, errServiceIDInvalid(sid)
	}
	return &target{ca: ca, tenant: tid, conf: conf, service: sc}, nil
}

// authChecks are the checks of the four authorization endpoints between credentials and service.
func (c *call) authChecks() *apierr.Error {
	if _, ok := c.p.Get("user_id"); ok {
		return errEndUsers()
	}
	if v, ok := c.p.Get("usage"); ok && v.Kind != params.Map {
		return errUsageNotHash()
	}
	return nil
}

// lookupCred maps a credential to its tenant from the cache or the store (0 = unknown).
// A cached entry is confirmed against the tenant's version by the caller.
func lookupCred(ctx context.Context, ca *cache, key string, lookup func() (int64, error)) (int64, error) {
	if e, ok := ca.cred(key); ok {
		return e.Tenant, nil
	}
	tid, err := lookup()
	if errors.Is(err, credential.ErrUnknown) {
		return 0, nil // unknown credentials are never cached: nothing would tell us they appeared
	}
	if err != nil {
		return 0, err
	}
	ca.setCred(key, confcache.Cred{Tenant: tid, Ver: -1}) // confirmed once the tenant's version is read
	return tid, nil
}

// loadService returns a live service with its metrics, or nil.
func loadService(ctx context.Context, d *deps.Deps, ca *cache, conf *confcache.Config, tid, id int64) (*serviceConf, error) {
	if sc, ok := ca.service(conf, id); ok {
		return sc, nil
	}
	var sc *serviceConf
	svc, err := catalog.LoadService(ctx, d.Store, tid, id)
	switch {
	case err == nil:
		ms, err := catalog.Metrics(ctx, d.Store, tid, id)
		if err != nil {
			return nil, err
		}
		sc = &serviceConf{svc: svc, metrics: indexMetrics(ms)}
	case errors.Is(err, store.ErrNotFound):
	default:
		return nil, err
	}
	ca.setService(conf, id, sc)
	return sc, nil
}

// resolveApplication finds the application named by user_key or app_id.
func resolveApplication(ctx context.Context, d *deps.Deps, c *call, tg *target, oauth bool) (*appConf, *apierr.Error) {
	appID, userKey := c.str("app_id"), c.str("user_key")
	svc := tg.service.svc
	if oauth && appID == "" {
		return nil, errAppNotFound("")
	}
	if appID != "" && userKey != "" {
		return nil, errBothCredentials()
	}
	kind, value := audience.ClaimAppID, appID
	if svc.BackendVersion == "1" && !oauth {
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
	app, err := loadApp(ctx, d, tg, appRef{kind, value})
	if err != nil {
		return nil, apierr.Unavailable(err)
	}
	if app == nil || app.Service != svc.ID {
		return nil, notFound
	}
	return app, nil
}

// loadApp finds an application by a unique credential, with its account's
// state, or nil.
func loadApp(ctx context.Context, d *deps.Deps, tg *target, r appRef) (*appConf, error) {
	ca := tg.ca
	if a, ok := ca.app(tg.conf, r); ok {
		return a, nil
	}
	id, err := audience.FindClaim(ctx, d.Store, tg.tenant, r.kind, r.value)
	if err != nil {
		return nil, err
	}
	var ac *appConf
	if id != 0 {
		app, err := audience.LoadApplication(ctx, d.Store, tg.tenant, id)
		switch {
		case err == nil:
			ac = &appConf{Application: app}
			acc, err := audience.LoadAccount(ctx, d.Store, tg.tenant, app.Account)
			switch {
			case err == nil:
				ac.accountEnabled = audience.AccountEnabled(acc.State)
			case !errors.Is(err, store.ErrNotFound): // an account being deleted leaves its applications disabled
				return nil, err
			}
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	ca.setApp(tg.conf, r, ac)
	return ac, nil
}

// loadPlan returns the application's plan with its limits in report order.
func loadPlan(ctx context.Context, d *deps.Deps, tg *target, id int64) (*planConf, error) {
	ca := tg.ca
	if p, ok := ca.plan(tg.conf, id); ok {
		return p, nil
	}
	plan, err := catalog.LoadPlan(ctx, d.Store, tg.tenant, id, "")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	pc := &planConf{plan: plan}
	if plan == nil {
		pc.plan = &catalog.Plan{ID: id}
	} else {
		all, err := catalog.Limits(ctx, d.Store, tg.tenant, id)
		if err != nil {
			return nil, err
		}
		for _, l := range all {
			if _, ok := tg.service.metrics.ByID[l.Metric]; ok {
				pc.limits = append(pc.limits, l)
			}
		}
		sortLimits(pc.limits)
		for _, l := range pc.limits {
			pc.counters = append(pc.counters, counterOf(l))
		}
	}
	ca.setPlan(tg.conf, id, pc)
	return pc, nil
}
