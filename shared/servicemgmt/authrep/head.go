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

// headItem is the tenant item as the hot path reads it.
type headItem struct {
	Ver            int64  `dynamodbav:"cfgver"`
	State          string `dynamodbav:"state"`
	DefaultService int64  `dynamodbav:"default_service"`
}

// The one strongly consistent read of the hot path, projected to what it needs.
var headProjection = store.Project("cfgver", "state", "default_service")

// readHead reads a tenant's head; found is false when the tenant does not exist.
func readHead(ctx context.Context, d *deps.Deps, tid int64) (h head, found bool, err error) {
	var it headItem
	err = d.Store.ReadProjected(ctx, tenant.Key(tid), headProjection, &it)
	if errors.Is(err, store.ErrNotFound) {
		return head{}, false, nil
	}
	if err != nil {
		return head{}, false, fmt.Errorf("authrep: read tenant %d: %w", tid, err)
	}
	return head{ver: it.Ver, state: it.State, defaultService: it.DefaultService}, true, nil
}
