// Package credential issues and resolves secrets: access tokens, provider keys
// and service tokens. Lookup items are keyed by the secret's SHA-256 digest, so a
// leaked table reveals no usable token; the digest of a presented secret is
// compared by key equality inside DynamoDB, never by a timing-sensitive loop.
package credential

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
)

// Hash is the lookup digest of a secret.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Equal compares two secrets in constant time.
func Equal(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// Random returns n random bytes as lowercase hex (2n characters).
func Random(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("credential: no randomness: %v", err)) // the OS RNG never fails on Linux
	}
	return hex.EncodeToString(b)
}

// NewAccessToken is 96 hex characters, like 3scale's.
func NewAccessToken() string { return Random(48) }

// MasterProviderKey is the master's provider key (the Master API's api_key):
// derived from the master access token, so a deployment has one secret to
// keep, yet the key is not the token and the token is not accepted as a key.
func MasterProviderKey(masterToken string) string {
	m := hmac.New(sha256.New, []byte(masterToken))
	m.Write([]byte("turnpike master provider key"))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// NewKey is 32 hex characters: provider keys, user keys, application keys.
func NewKey() string { return Random(16) }

// Permission of an access token.
const (
	ReadWrite = "rw"
	ReadOnly  = "ro"
)

// Scopes of an access token.
const (
	ScopeAccountManagement = "account_management"
	ScopePolicyRegistry    = "policy_registry"
)

// ScopeStats is the scope of the analytics (/stats) routes.
const ScopeStats = "stats"

// Principal is who a request acts as.
type Principal struct {
	Tenant      int64
	User        int64 // 0 for provider-key requests
	Permission  string
	Scopes      []string
	ProviderKey bool // authenticated by provider key (acts as full admin, fires no webhooks)
	Master      bool // the master administrator
	// Via names the credential, for audit records ("master access token").
	Via string
}

// CanWrite tells whether the principal may change anything.
func (p *Principal) CanWrite() bool { return p.Permission != ReadOnly }

// HasScope tells whether the token carries a scope (provider keys carry all).
func (p *Principal) HasScope(scope string) bool {
	if p.ProviderKey {
		return true
	}
	for _, s := range p.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// TokenItem is the global lookup item of an access token.
type TokenItem struct {
	store.Key
	ID         int64     `dynamodbav:"id"`
	Tenant     int64     `dynamodbav:"tenant"`
	User       int64     `dynamodbav:"user"`
	Name       string    `dynamodbav:"name"`
	Permission string    `dynamodbav:"permission"`
	Scopes     []string  `dynamodbav:"scopes,stringset,omitempty"`
	CreatedAt  time.Time `dynamodbav:"created_at"`
	ExpiresAt  time.Time `dynamodbav:"expires_at,omitempty"`
}

// TokenKey is the lookup key of an access token value.
func TokenKey(value string) store.Key { return store.Key{PK: "TOKEN#" + Hash(value), SK: "#"} }

// ProviderKeyItem maps a provider key to its tenant.
type ProviderKeyItem struct {
	store.Key
	Tenant int64 `dynamodbav:"tenant"`
}

// ProviderKeyKey is the lookup key of a provider key value.
func ProviderKeyKey(value string) store.Key { return store.Key{PK: "PKEY#" + Hash(value), SK: "#"} }

// ServiceTokenItem maps a (service token, service id) pair to its tenant.
type ServiceTokenItem struct {
	store.Key
	Tenant  int64 `dynamodbav:"tenant"`
	Service int64 `dynamodbav:"service"`
}

// ServiceTokenKey is the lookup key of a service token for a service.
func ServiceTokenKey(value string, service int64) store.Key {
	return store.Key{PK: "STOKEN#" + Hash(value), SK: store.SK("SVC", service)}
}

// ErrUnknown means the credential does not exist (or expired).
var ErrUnknown = errors.New("credential: unknown")

// LookupToken resolves an access token.
func LookupToken(ctx context.Context, s *store.Store, value string, now time.Time) (*Principal, error) {
	if value == "" {
		return nil, ErrUnknown
	}
	k := TokenKey(value)
	var it TokenItem
	if err := s.Get(ctx, k.PK, k.SK, &it); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, ErrUnknown
		}
		return nil, err
	}
	if !it.ExpiresAt.IsZero() && !it.ExpiresAt.After(now) {
		return nil, ErrUnknown
	}
	return &Principal{Tenant: it.Tenant, User: it.User, Permission: it.Permission, Scopes: it.Scopes}, nil
}

// LookupProviderKey resolves a provider key to its tenant.
func LookupProviderKey(ctx context.Context, s *store.Store, value string) (int64, error) {
	if value == "" {
		return 0, ErrUnknown
	}
	k := ProviderKeyKey(value)
	var it ProviderKeyItem
	if err := s.Get(ctx, k.PK, k.SK, &it); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, ErrUnknown
		}
		return 0, err
	}
	return it.Tenant, nil
}

// LookupServiceToken resolves a service token for a service to its tenant.
func LookupServiceToken(ctx context.Context, s *store.Store, value string, service int64) (int64, error) {
	if value == "" || service <= 0 {
		return 0, ErrUnknown
	}
	k := ServiceTokenKey(value, service)
	var it ServiceTokenItem
	if err := s.Get(ctx, k.PK, k.SK, &it); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, ErrUnknown
		}
		return 0, err
	}
	return it.Tenant, nil
}
