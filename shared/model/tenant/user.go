package tenant

import (
	"time"

	"turnpike/shared/platform/store"
)

// User is one of the tenant's own (provider) users.
type User struct {
	store.Key
	ID           int64     `dynamodbav:"id"`
	Username     string    `dynamodbav:"username"`
	Email        string    `dynamodbav:"email"`
	PasswordHash string    `dynamodbav:"password_hash,omitempty"`
	Role         string    `dynamodbav:"role"`
	State        string    `dynamodbav:"state"`
	CreatedAt    time.Time `dynamodbav:"created_at"`
	UpdatedAt    time.Time `dynamodbav:"updated_at"`
}

// UserKey is a provider user's key.
func UserKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("PUSR", id)}
}

// TokenRef lists an access token under its tenant (the lookup item is global,
// keyed by the token's digest; Digest points to it so the token can be revoked).
type TokenRef struct {
	store.Key
	ID         int64     `dynamodbav:"id"`
	User       int64     `dynamodbav:"user"`
	Name       string    `dynamodbav:"name"`
	Permission string    `dynamodbav:"permission"`
	Scopes     []string  `dynamodbav:"scopes,stringset,omitempty"`
	Digest     string    `dynamodbav:"digest"`
	CreatedAt  time.Time `dynamodbav:"created_at"`
	ExpiresAt  time.Time `dynamodbav:"expires_at,omitempty"`
}

// TokenRefKey is the key of a token's listing item.
func TokenRefKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("TOK", id)}
}
