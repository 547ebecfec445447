package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"

	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/store"
	"turnpike/shared/servicemgmt/authrep"
)

// product is a deployed config ready to serve: the document and its compiled rules.
type product struct {
	env      string
	doc      proxy.Document
	matchers []*proxy.Matcher
}

// compiled keeps parsed configs by config id: configs never change, so a
// config is parsed once per process however often it is served.
type compiled struct {
	mu sync.Mutex
	m  map[int64]*product
}

const maxCompiled = 4096

func (c *compiled) get(cfg *proxy.Config) (*product, error) {
	c.mu.Lock()
	p, ok := c.m[cfg.ID]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p = &product{env: cfg.Environment}
	if err := json.Unmarshal([]byte(cfg.Content), &p.doc); err != nil {
		return nil, err
	}
	for _, r := range p.doc.Proxy.ProxyRules {
		p.matchers = append(p.matchers, proxy.NewMatcher(proxy.Rule{ID: r.ID, MetricID: r.MetricID, Pattern: r.Pattern,
			HTTPMethod: r.HTTPMethod, Delta: r.Delta, Position: r.Position, Last: r.Last}, r.MetricSystemName))
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCompiled {
		c.m = map[int64]*product{}
	}
	c.m[cfg.ID] = p
	c.mu.Unlock()
	return p, nil
}

// requestHost is the request's host, lower-cased, without its port.
func requestHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// hosts maps a public host to the tenant whose product claimed it, as the
// process last saw it. A claim only moves in a transaction of the tenant that
// releases it (which bumps that tenant's version), so an entry is confirmed
// by the version check of every call; unknown hosts are never kept (nothing
// would tell us they appeared).
type hosts struct {
	mu sync.Mutex
	m  map[string]int64
}

const maxHosts = 20000

func (h *hosts) get(host string) (int64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.m[host]
	return t, ok
}

func (h *hosts) set(host string, tenant int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil || len(h.m) >= maxHosts {
		h.m = map[string]int64{}
	}
	h.m[host] = tenant
}

func (h *hosts) drop(host string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.m, host)
}

// servedKey keys, in a tenant's cached configuration, what serves a host:
// the product (nil when no deployed config of the tenant serves it).
type servedKey string

// find picks the product and environment serving host, with the head of its
// tenant the call's authrep uses: the production config when its public base
// URL is on host, else the staging config when its staging URL is; nil when
// no deployed config serves the host. In steady state the tenant's head is
// its only read: what serves the host is cached at the tenant's configuration
// version, which every deploy, promote, proxy or mapping rule change moves,
// so a change applies on the next request.
func (g *Gateway) find(ctx context.Context, host string) (*product, authrep.Head, error) {
	for retry := false; ; retry = true {
		tid, cached := g.hosts.get(host)
		var claim *proxy.HostClaim
		if !cached {
			c, err := proxy.LookupHost(ctx, g.d.Store, host)
			if errors.Is(err, store.ErrNotFound) {
				return nil, authrep.Head{}, nil
			}
			if err != nil {
				return nil, authrep.Head{}, err
			}
			claim, tid = c, c.Tenant
			g.hosts.set(host, tid)
		}
		h, err := g.auth.ReadHead(ctx, tid)
		if err != nil {
			return nil, authrep.Head{}, err
		}
		if !h.Found() {
			g.hosts.drop(host)
			if cached && !retry {
				continue
			}
			return nil, authrep.Head{}, nil
		}
		conf := g.d.Config.At(tid, h.Version())
		if v, ok := g.d.Config.Get(conf, servedKey(host)); ok {
			p, _ := v.(*product)
			return p, h, nil
		}
		if claim == nil { // cached from an older version: the claim may have moved
			c, err := proxy.LookupHost(ctx, g.d.Store, host)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, authrep.Head{}, err
			}
			if c == nil || c.Tenant != tid {
				g.hosts.drop(host)
				if !retry {
					continue
				}
				return nil, authrep.Head{}, nil
			}
			claim = c
		}
		p, err := g.load(ctx, claim, host)
		if err != nil {
			return nil, authrep.Head{}, err
		}
		g.d.Config.Put(conf, servedKey(host), p)
		return p, h, nil
	}
}

// load reads the newest configs of the claiming product and picks the one
// serving host.
func (g *Gateway) load(ctx context.Context, claim *proxy.HostClaim, host string) (*product, error) {
	for _, env := range []string{proxy.Production, proxy.Sandbox} {
		cfg, err := proxy.Head(ctx, g.d.Store, claim.Tenant, claim.Service, env)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		p, err := g.cache.get(cfg)
		if err != nil {
			return nil, err
		}
		public := p.doc.Proxy.Endpoint
		if env == proxy.Sandbox {
			public = p.doc.Proxy.SandboxEndpoint
		}
		if public != nil && proxy.Host(*public) == host {
			return p, nil
		}
	}
	return nil, nil
}
