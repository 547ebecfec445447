package catalog

import (
	"turnpike/shared/platform/store"
)

// ChangeOf copies attrs from item: present ones are set, empty (omitted) ones
// removed. Updates name the attributes they change instead of putting the
// whole item, so that attributes other writers own (a plan's contracts
// counter) are never overwritten.
func ChangeOf(item any, attrs ...string) *store.Change {
	return store.NewChange().CopyFrom(item, attrs...)
}
