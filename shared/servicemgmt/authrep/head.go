package authrep

import (
	"context"
	"errors"
	"fmt"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/confcache"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// head is what every call reads fresh: the tenant's configuration version.
type head struct {
	ver int64
}

// tenantConf is what the hot path needs of the tenant item besides its
// version. Every change of the tenant item goes through tenant.Save, which
// bumps the version, so these are cached at the version like the rest of the
// configuration: a tenant suspended or scheduled for deletion is still
// refused on its very next call, and the steady-state read stays one
// attribute with no placeholder (state is a reserved word; a placeholder
// costs DynamoDB a substitution on every call).
type tenantConf struct {
	state          string
	defaultService int64
}

type tenantKey struct{}

// The tenant item's attributes (tenant.Tenant's cfgver, state and default_service).
const (
	verAttr            = "cfgver"
	stateAttr          = "state"
	defaultServiceAttr = "default_service"
)

// The one strongly consistent read of the hot path, projected to what it
// needs and read without reflection; the rest once per version.
var (
	headProjection   = store.Project(verAttr)
	tenantProjection = store.Project(verAttr, stateAttr, defaultServiceAttr)
)

// readHead reads a tenant's head; found is false when the tenant does not exist.
func readHead(ctx context.Context, d *deps.Deps, tid int64) (h head, found bool, err error) {
	it, found, err := readTenant(ctx, d, tid, headProjection)
	if !found {
		return head{}, false, err
	}
	return head{ver: it.Num(verAttr)}, true, nil
}

// readTenant reads the projected attributes of a tenant's item, strongly
// consistently; found is false when the tenant does not exist.
func readTenant(ctx context.Context, d *deps.Deps, tid int64, p store.Projection) (store.RawItem, bool, error) {
	it, err := d.Store.ReadProjectedRaw(ctx, tenant.Key(tid), p)
	if errors.Is(err, store.ErrNotFound) {
		return it, false, nil
	}
	if err != nil {
		return it, false, fmt.Errorf("authrep: read tenant %d: %w", tid, err)
	}
	return it, true, nil
}

// readHead is the call's read of the tenant's head: the one its caller made
// already for this tenant (CallAt), else a fresh one.
func (c *call) readHead(ctx context.Context, d *deps.Deps, tid int64) (head, bool, error) {
	if c.head != nil && c.head.tenant == tid {
		return c.head.h, c.head.found, nil
	}
	return readHead(ctx, d, tid)
}

// loadTenant is the tenant's state and default service at conf's version
// ver: cached, else read. A read that finds a later version (the tenant
// changed since the head was read) is this call's answer and is not cached
// at ver. found is false when the tenant is gone.
func loadTenant(ctx context.Context, d *deps.Deps, ca *cache, conf *confcache.Config, tid, ver int64) (*tenantConf, bool, error) {
	if tc, ok := get[*tenantConf](ca, conf, tenantKey{}); ok {
		return tc, true, nil
	}
	it, found, err := readTenant(ctx, d, tid, tenantProjection)
	if !found {
		return nil, false, err
	}
	tc := &tenantConf{state: it.Str(stateAttr), defaultService: it.Num(defaultServiceAttr)}
	if it.Num(verAttr) == ver {
		ca.c.Put(conf, tenantKey{}, tc)
	}
	return tc, true, nil
}

// refused tells whether a tenant on its way out must be refused.
func (tc *tenantConf) refused() bool {
	return tc.state == tenant.ScheduledForDeletion || tc.state == tenant.Suspended
}
