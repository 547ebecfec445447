package audience

import (
	"time"

	"turnpike/shared/platform/store"
)

// AccountScheduled is the state of an account waiting for deletion.
const AccountScheduled = "scheduled_for_deletion"

// DeletionDelay is how long an account scheduled for deletion is kept, as for tenants.
const DeletionDelay = 15 * 24 * time.Hour

// AccountPrefix selects every developer account of a tenant in the main table
// (sort keys "ACC#<id>"; nothing else in a tenant partition starts so).
const AccountPrefix = "ACC#"

// AccountsInState lists the tenant's accounts in one state (GSI1).
func AccountsInState(tenant int64, state string) string {
	return store.TenantPK(tenant) + "#ACC#" + state
}

// AccountIndex is the listing key of an account in its state.
func AccountIndex(tenant, id int64, state string) store.Index {
	return store.Index{GSI1PK: AccountsInState(tenant, state), GSI1SK: store.ID(id)}
}
