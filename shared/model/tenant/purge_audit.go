package tenant

import (
	"time"

	"turnpike/shared/platform/store"
)

// Audit is the record a purge leaves for the master: which tenant, who asked
// and when, who erased it and when, and how many items of each kind went.
type Audit struct {
	store.Key
	Tenant      int64            `dynamodbav:"tenant"`
	OrgName     string           `dynamodbav:"org_name"`
	Subdomain   string           `dynamodbav:"subdomain"`
	RequestedBy string           `dynamodbav:"requested_by"`
	RequestedAt time.Time        `dynamodbav:"requested_at"`
	PurgedBy    string           `dynamodbav:"purged_by"`
	PurgedAt    time.Time        `dynamodbav:"purged_at"`
	Counts      map[string]int64 `dynamodbav:"counts"`
}

const auditPK = "#PURGED"

func auditKey(at time.Time, tenant int64) store.Key {
	return store.Key{PK: auditPK, SK: at.UTC().Format("2006-01-02T15:04:05.000000000Z") + "#" + store.ID(tenant)}
}

// AuditQuery selects the purge audit records, oldest first.
func AuditQuery() store.Query { return store.Query{PK: auditPK} }
