// Package proxy serves a product's gateway configuration over the Account
// Management API: the proxy, its mapping rules and its versioned configs.
package proxy

import (
	"context"
	"errors"
	"os"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// Domain is the domain the generated public base URLs live under:
// GATEWAY_DOMAIN, else "localhost" on the local stack, else none (hosted
// products then get no generated public base URLs).
func Domain() string {
	if v, ok := os.LookupEnv("GATEWAY_DOMAIN"); ok {
		return v
	}
	if Policy().AllowPrivate {
		return "localhost"
	}
	return ""
}

// Policy is what the environment accepts as base URLs: GATEWAY_ALLOW_PRIVATE=1
// (set by the local stack) accepts loopback and private addresses.
func Policy() proxy.Policy {
	return proxy.Policy{AllowPrivate: os.Getenv("GATEWAY_ALLOW_PRIVATE") == "1"}
}

// backendURL is the Service Management API named in configs (SERVICE_MANAGEMENT_URL).
func backendURL() string {
	if v := os.Getenv("SERVICE_MANAGEMENT_URL"); v != "" {
		return v
	}
	return "http://127.0.0.1:3000"
}

// product is a path's service with its proxy (created with defaults on first use).
type product struct {
	p     *proxy.Product
	px    *proxy.Proxy
	names map[int64]string // metric id → system name
	token string
}

func loadProduct(ctx context.Context, d *deps.Deps, q *api.Request) (*product, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return nil, err
	}
	t, err := tenant.Load(ctx, d.Store, q.Tenant())
	if err != nil {
		return nil, err
	}
	c, err := proxy.LoadCatalog(ctx, d.Store, q.Tenant(), sid, t.Subdomain)
	if errors.Is(err, proxy.ErrNoProduct) {
		return nil, apierr.NotFound()
	}
	if err != nil {
		return nil, err
	}
	pr := &product{p: c.Product, names: c.Metrics, token: c.Token}
	if pr.px, err = proxy.Ensure(ctx, d.Store, pr.p, c.Hits, Domain()); err != nil {
		return nil, err
	}
	return pr, nil
}

// reload reads the proxy again (after a lost race).
func (pr *product) reload(ctx context.Context, d *deps.Deps) error {
	px, err := proxy.Load(ctx, d.Store, pr.p.Tenant, pr.p.ID)
	if err != nil {
		return err
	}
	pr.px = px
	return nil
}

// deployStaging stores the product's current config as the next sandbox
// version when it changed; a product without a private base URL or a service
// token has no config yet, silently.
func deployStaging(ctx context.Context, d *deps.Deps, pr *product) error {
	if pr.px.APIBackend == "" {
		return nil
	}
	if pr.token == "" {
		return nil
	}
	doc, err := proxy.Build(pr.p, pr.px, pr.token, pr.names, backendURL())
	if err != nil {
		return err
	}
	_, err = proxy.DeployStaging(ctx, d.Store, pr.p.Tenant, pr.p.ID, doc, d.Now())
	return err
}

// edit applies change to the product's proxy and saves it, reading again
// when another writer got there first.
func edit(ctx context.Context, d *deps.Deps, pr *product, change func(px *proxy.Proxy) error) error {
	err := store.Optimistic(ctx, func() error {
		before := *pr.px
		next := *pr.px
		next.Rules = append([]proxy.Rule(nil), pr.px.Rules...)
		if err := change(&next); err != nil {
			return err
		}
		if err := proxy.Save(ctx, d.Store, &next, &before); err != nil {
			if errors.Is(err, store.ErrStale) {
				if rerr := pr.reload(ctx, d); rerr != nil {
					return rerr
				}
			}
			return err
		}
		pr.px = &next
		return nil
	})
	if errors.Is(err, store.ErrStale) {
		return apierr.Msg(409, "Changed concurrently, try again").WithCause(err)
	}
	return err
}
