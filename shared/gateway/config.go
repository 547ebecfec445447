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

// find picks the product and environment serving host: the production config
// when its public base URL is on host, else the staging config when its
// staging URL is; nil when no deployed config serves the host. Every call
// reads the newest configs, so a deploy or promote applies on the next request.
func (g *Gateway) find(ctx context.Context, host string) (*product, error) {
	claim, err := proxy.LookupHost(ctx, g.d.Store, host)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
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
