package catalog

import (
	"time"

	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/store"
)

// ServiceToken authenticates Service Management API calls for one service.
// Its value is kept readable for the tenant's admins (3scale shows it in its
// admin portal); the lookup item is keyed by its digest.
type ServiceToken struct {
	store.Key
	ID        int64     `dynamodbav:"id"`
	Service   int64     `dynamodbav:"service"`
	Value     string    `dynamodbav:"value"`
	CreatedAt time.Time `dynamodbav:"created_at"`
}

// ServiceTokenListKey keeps a service's tokens together.
func ServiceTokenListKey(tenant, service, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: ServiceTokenPrefix(service) + store.ID(id)}
}

// ServiceTokenPrefix selects every token of a service.
func ServiceTokenPrefix(service int64) string { return "STOK#" + store.ID(service) + "#" }

// Add puts the token and its lookup item into tx.
func (st *ServiceToken) Add(tx *store.Tx, tenant int64) {
	tx.Create(st, nil)
	tx.Create(&credential.ServiceTokenItem{Key: credential.ServiceTokenKey(st.Value, st.Service), Tenant: tenant, Service: st.Service}, nil)
}
