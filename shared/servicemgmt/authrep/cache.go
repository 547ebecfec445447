package authrep

import (
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/confcache"
	"turnpike/shared/platform/counter"
	"turnpike/shared/servicemgmt/usage"
)

// cache is the process's configuration cache (built with the dependencies,
// see confcache) seen through the hot path's own entry types.
type cache struct{ c *confcache.Cache }

type serviceKey int64
type planKey int64

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
	metrics *usage.Metrics
}

// planConf is a plan with its limits on existing metrics, in report order.
type planConf struct {
	plan     *catalog.Plan
	limits   []*catalog.Limit
	counters []counter.Counter
}

func (c *cache) cred(key string) (confcache.Cred, bool) { return c.c.Cred(key) }
func (c *cache) setCred(key string, e confcache.Cred)   { c.c.SetCred(key, e) }
func (c *cache) dropCred(key string)                    { c.c.DropCred(key) }
func (c *cache) at(tenant, ver int64) *confcache.Config { return c.c.At(tenant, ver) }

func get[V any](c *cache, cf *confcache.Config, k any) (V, bool) {
	v, ok := c.c.Get(cf, k)
	t, _ := v.(V)
	return t, ok
}

func (c *cache) service(cf *confcache.Config, id int64) (*serviceConf, bool) {
	return get[*serviceConf](c, cf, serviceKey(id))
}
func (c *cache) setService(cf *confcache.Config, id int64, s *serviceConf) {
	c.c.Put(cf, serviceKey(id), s)
}
func (c *cache) app(cf *confcache.Config, r appRef) (*appConf, bool) { return get[*appConf](c, cf, r) }
func (c *cache) setApp(cf *confcache.Config, r appRef, a *appConf)   { c.c.Put(cf, r, a) }
func (c *cache) plan(cf *confcache.Config, id int64) (*planConf, bool) {
	return get[*planConf](c, cf, planKey(id))
}
func (c *cache) setPlan(cf *confcache.Config, id int64, p *planConf) { c.c.Put(cf, planKey(id), p) }
