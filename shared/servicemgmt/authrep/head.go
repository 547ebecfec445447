package authrep

import (
	"context"
	"errors"
	"fmt"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// head is what every call reads fresh: the tenant's configuration version and
// state (a tenant suspended or scheduled for deletion is refused at once).
type head struct {
	ver            int64
	state          string
	defaultService int64
}

// The tenant item's attributes the head holds (tenant.Tenant's cfgver, state
// and default_service).
const (
	verAttr            = "cfgver"
	stateAttr          = "state"
	defaultServiceAttr = "default_service"
)

// The one strongly consistent read of the hot path, projected to what it
// needs and read without reflection.
var headProjection = store.Project(verAttr, stateAttr, defaultServiceAttr)

// readHead reads a tenant's head; found is false when the tenant does not exist.
func readHead(ctx context.Context, d *deps.Deps, tid int64) (h head, found bool, err error) {
	it, err := d.Store.ReadProjectedRaw(ctx, tenant.Key(tid), headProjection)
	if errors.Is(err, store.ErrNotFound) {
		return head{}, false, nil
	}
	if err != nil {
		return head{}, false, fmt.Errorf("authrep: read tenant %d: %w", tid, err)
	}
	return head{ver: it.Num(verAttr), state: it.Str(stateAttr), defaultService: it.Num(defaultServiceAttr)}, true, nil
}

// readHead is the call's read of the tenant's head: the one its caller made
// already for this tenant (CallAt), else a fresh one.
func (c *call) readHead(ctx context.Context, d *deps.Deps, tid int64) (head, bool, error) {
	if c.head != nil && c.head.tenant == tid {
		return c.head.h, c.head.found, nil
	}
	return readHead(ctx, d, tid)
}
