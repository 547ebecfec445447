package webhook

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// ErrStale is a configuration changed since it was read.
var ErrStale = store.ErrStale

// SaveConfig writes c if the stored configuration is still the one read
// (updated_at seen), else ErrStale.
func SaveConfig(ctx context.Context, s *store.Store, tenant int64, c *Config, seen, now time.Time) error {
	cond := store.Absent()
	if !seen.IsZero() {
		cond = store.UnchangedSince(seen)
	}
	c.Key, c.UpdatedAt = ConfigKey(tenant), now
	return s.Tx(0).PutIf(c, cond, ErrStale).Commit(ctx)
}

// RotateSecret gives a tenant a new signing secret.
func RotateSecret(ctx context.Context, s *store.Store, tenant int64, now time.Time) (*Config, error) {
	var c *Config
	err := store.Optimistic(ctx, func() error {
		var err error
		if c, err = LoadConfig(ctx, s, tenant); err != nil {
			return err
		}
		seen := c.UpdatedAt
		c.Secret = NewSecret()
		return SaveConfig(ctx, s, tenant, c, seen, now)
	})
	if errors.Is(err, ErrStale) {
		return nil, err
	}
	return c, err
}
