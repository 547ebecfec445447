// Package webhook tells a provider's back office about changes of accounts,
// users and applications, as 3scale's webhooks do. An event is an item written
// in the same DynamoDB transaction as the change it reports (an outbox), so
// none is lost and none is sent for a change that failed; the delivery
// function posts it, retries it, and records the final failure. This package
// holds the rules and the storage; the HTTP sending is given to it (Poster).
package webhook

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// Event types and their actions, as 3scale names them: each pair has its
// switch "<type>_<action>_on" in the configuration.
var Switches = []string{
	"account_created_on", "account_updated_on", "account_deleted_on", "account_plan_changed_on",
	"user_created_on", "user_updated_on", "user_deleted_on",
	"application_created_on", "application_updated_on", "application_deleted_on", "application_plan_changed_on",
	"application_suspended_on", "application_user_key_updated_on", "application_key_created_on",
	"application_key_deleted_on", "application_key_updated_on",
}

// Config is a tenant's webhook configuration (one item), with the secret
// deliveries are signed with.
type Config struct {
	store.Key
	URL             string          `dynamodbav:"url"`
	Active          bool            `dynamodbav:"active"`
	ProviderActions bool            `dynamodbav:"provider_actions"`
	On              map[string]bool `dynamodbav:"on"`
	Secret          []byte          `dynamodbav:"secret"`
	UpdatedAt       time.Time       `dynamodbav:"updated_at"`
}

// ConfigKey is the key of a tenant's configuration.
func ConfigKey(tenant int64) store.Key { return store.Key{PK: store.TenantPK(tenant), SK: "WEBHOOK"} }

// LoadConfig reads a tenant's configuration; a tenant that never set one
// gets an inactive one with a fresh secret (saved by the first change).
func LoadConfig(ctx context.Context, s *store.Store, tenant int64) (*Config, error) {
	k := ConfigKey(tenant)
	c := &Config{}
	err := s.Get(ctx, k.PK, k.SK, c)
	if errors.Is(err, store.ErrNotFound) {
		return &Config{Key: k, On: map[string]bool{}, Secret: NewSecret()}, nil
	}
	if err != nil {
		return nil, err
	}
	if c.On == nil {
		c.On = map[string]bool{}
	}
	return c, nil
}

// Wants tells whether a change of that type and action is to be reported;
// byProvider is true for changes made through the admin API, which fire only
// when the provider asked for it ("Dashboard actions fire webhooks").
func (c *Config) Wants(typ, action string, byProvider bool) bool {
	return c.Active && c.URL != "" && c.On[typ+"_"+action+"_on"] && (!byProvider || c.ProviderActions)
}

// NewSecret draws a signing secret: 32 random bytes.
func NewSecret() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

// SecretText is the secret in the Standard Webhooks form.
func (c *Config) SecretText() string { return "whsec_" + base64.StdEncoding.EncodeToString(c.Secret) }
