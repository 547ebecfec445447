// Package confcache is the process's cache of tenant configuration for the
// Service Management hot path. It is built once per process with the
// dependencies (deps.New) and handed to every handler built from them, so
// that a steady-state call costs one read of the tenant item and one
// conditional counter write.
//
// Everything of a tenant is stamped with the tenant's configuration version
// (cfgver, bumped by every admin write in the same transaction); a call that
// reads another version drops the tenant's entries and reloads them. Nothing
// is cached without its version. Credentials map to a tenant globally, so
// their entries carry the version they were last confirmed at.
package confcache

import "sync"

// Bounds on the cache; when one is reached the map is simply dropped.
const (
	MaxCreds   = 20000
	MaxTenants = 5000
	MaxEntries = 60000 // entries per tenant
)

// Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	creds   map[string]Cred
	tenants map[int64]*Config
}

// Cred is what a credential resolved to.
type Cred struct {
	Tenant int64
	Ver    int64 // the tenant version it was confirmed at; -1 not yet
}

// Config is one tenant's configuration at one version; its entries are keyed
// by the caller's own key types.
type Config struct {
	ver     int64
	entries map[any]any
}

// New is an empty cache.
func New() *Cache { return &Cache{creds: map[string]Cred{}, tenants: map[int64]*Config{}} }

// Cred returns a credential's entry.
func (c *Cache) Cred(key string) (Cred, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.creds[key]
	return e, ok
}

// SetCred stores a credential's entry.
func (c *Cache) SetCred(key string, e Cred) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.creds) >= MaxCreds {
		c.creds = map[string]Cred{}
	}
	c.creds[key] = e
}

// DropCred forgets a credential.
func (c *Cache) DropCred(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.creds, key)
}

// At returns the tenant's configuration at version ver, empty if the cached
// one is of another version. A reader that saw an older version than the one
// cached gets a private empty configuration, never the newer one's entries.
func (c *Cache) At(tenant, ver int64) *Config {
	c.mu.Lock()
	defer c.mu.Unlock()
	cf := c.tenants[tenant]
	switch {
	case cf != nil && cf.ver == ver:
		return cf
	case cf != nil && cf.ver > ver:
		return &Config{ver: ver, entries: map[any]any{}}
	}
	if len(c.tenants) >= MaxTenants {
		c.tenants = map[int64]*Config{}
	}
	cf = &Config{ver: ver, entries: map[any]any{}}
	c.tenants[tenant] = cf
	return cf
}

// Get reads an entry of a configuration. Loading happens outside the lock;
// two callers loading the same entry both store an equally valid answer.
func (c *Cache) Get(cf *Config, k any) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := cf.entries[k]
	return v, ok
}

// Put stores an entry of a configuration.
func (c *Cache) Put(cf *Config, k, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(cf.entries) >= MaxEntries {
		cf.entries = map[any]any{}
	}
	cf.entries[k] = v
}
