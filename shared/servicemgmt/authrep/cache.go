package authrep

import (
	"sync"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
)

// cache keeps, per process (per Lambda container), the configuration the hot
// path needs, so that a steady-state call costs one read of the tenant item
// and one conditional counter write. Everything of a tenant is stamped with
// the tenant's configuration version (cfgver, bumped by every admin write in
// the same transaction); a call that reads another version drops the tenant's
// entries and reloads them. Nothing is cached without its version: negative
// answers (an unknown user key) live only as long as the version they were
// read at. Credentials map to a tenant globally, so their entries carry the
// version they were last confirmed at and are looked up again when it moves.
type cache struct {
	mu      sync.Mutex
	creds   map[string]credEntry
	tenants map[int64]*config
}

// Bounds on the cache; when one is reached the map is simply dropped.
const (
	maxCreds   = 20000
	maxTenants = 5000
	maxEntries = 20000 // applications per tenant
)

type credEntry struct {
	tenant int64
	ver    int64
}

// config is one tenant's configuration at one version.
type config struct {
	ver      int64
	services map[int64]*serviceConf // nil value: no such live service
	apps     map[appRef]*appConf    // nil value: no such application
	plans    map[int64]*planConf
}

type appRef struct {
	kind, value string
}

// appConf is an application with what the hot path needs of its developer
// account, read with it: an account change bumps the version too.
type appConf struct {
	*audience.Application
	accountEnabled bool // neither suspended nor scheduled for deletion
}

type serviceConf struct {
	svc     *catalog.Service
	metrics *metrics
}

// planConf is a plan with its limits on existing metrics, in report order.
type planConf struct {
	plan     *catalog.Plan
	limits   []*catalog.Limit
	counters []counter.Counter
}

var caches sync.Map // *deps.Deps → *cache

// cacheOf returns the process cache of a set of dependencies.
func cacheOf(d *deps.Deps) *cache {
	if c, ok := caches.Load(d); ok {
		return c.(*cache)
	}
	c, _ := caches.LoadOrStore(d, &cache{creds: map[string]credEntry{}, tenants: map[int64]*config{}})
	return c.(*cache)
}

func (c *cache) cred(key string) (credEntry, bool) { return lookup(c, &c.creds, key) }
func (c *cache) setCred(key string, e credEntry)   { put(c, &c.creds, key, e, maxCreds) }

func (c *cache) dropCred(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.creds, key)
}

// at returns the tenant's configuration at version ver, empty if the cached
// one is of another version. A reader that saw an older version than the one
// cached gets a private empty configuration, never the newer one's entries.
func (c *cache) at(tenant, ver int64) *config {
	c.mu.Lock()
	defer c.mu.Unlock()
	cf := c.tenants[tenant]
	switch {
	case cf != nil && cf.ver == ver:
		return cf
	case cf != nil && cf.ver > ver:
		return newConfig(ver)
	}
	if len(c.tenants) >= maxTenants {
		c.tenants = map[int64]*config{}
	}
	cf = newConfig(ver)
	c.tenants[tenant] = cf
	return cf
}

func newConfig(ver int64) *config {
	return &config{ver: ver, services: map[int64]*serviceConf{}, apps: map[appRef]*appConf{}, plans: map[int64]*planConf{}}
}

// Entries of a config are read and written under the cache lock; loading
// happens outside it, and two callers loading the same entry both store an
// equally valid answer.

func lookup[K comparable, V any](c *cache, m *map[K]V, k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := (*m)[k]
	return v, ok
}

// put stores an entry; a map that reached bound is dropped first.
func put[K comparable, V any](c *cache, m *map[K]V, k K, v V, bound int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(*m) >= bound {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

func (c *cache) service(cf *config, id int64) (*serviceConf, bool) {
	return lookup(c, &cf.services, id)
}
func (c *cache) setService(cf *config, id int64, s *serviceConf) {
	put(c, &cf.services, id, s, maxEntries)
}

func (c *cache) app(cf *config, r appRef) (*appConf, bool) {
	return lookup(c, &cf.apps, r)
}
func (c *cache) setApp(cf *config, r appRef, a *appConf) {
	put(c, &cf.apps, r, a, maxEntries)
}

func (c *cache) plan(cf *config, id int64) (*planConf, bool) { return lookup(c, &cf.plans, id) }
func (c *cache) setPlan(cf *config, id int64, p *planConf)   { put(c, &cf.plans, id, p, maxEntries) }
