// Package tenant holds the tenant (provider account) record: its state, its
// provider key and its configuration version.
package tenant

import (
	"context"
	"errors"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
)

// Tenant states (3scale's account states).
const (
	Created              = "created"
	Pending              = "pending"
	Approved             = "approved"
	Rejected             = "rejected"
	Suspended            = "suspended"
	ScheduledForDeletion = "scheduled_for_deletion"
)

// Tenant is a provider account.
type Tenant struct {
	store.Key
	ID                  int64     `dynamodbav:"id"`
	OrgName             string    `dynamodbav:"org_name"`
	State               string    `dynamodbav:"state"`
	Subdomain           string    `dynamodbav:"subdomain"`
	ProviderKey         string    `dynamodbav:"provider_key"` // shown to the tenant's admins, as 3scale does
	AdminUser           int64     `dynamodbav:"admin_user"`
	DefaultService      int64     `dynamodbav:"default_service"`
	FromEmail           string    `dynamodbav:"from_email,omitempty"`
	SupportEmail        string    `dynamodbav:"support_email,omitempty"`
	FinanceSupportEmail string    `dynamodbav:"finance_support_email,omitempty"`
	SiteAccessCode      string    `dynamodbav:"site_access_code,omitempty"`
	CreatedAt           time.Time `dynamodbav:"created_at"`
	UpdatedAt           time.Time `dynamodbav:"updated_at"`
	StateChangedAt      time.Time `dynamodbav:"state_changed_at"`
	// PurgeRequestedAt is when the master asked to erase the tenant at once
	// (zero: not asked); from then on it cannot be resumed.
	PurgeRequestedAt time.Time `dynamodbav:"purge_requested_at,omitempty"`
	// CfgVer grows with every change of the tenant's configuration (store.Tx bumps it).
	CfgVer int64 `dynamodbav:"cfgver"`
}

// DeletionDelay is how long a tenant scheduled for deletion is kept.
const DeletionDelay = 15 * 24 * time.Hour

// Key is the tenant record's key.
func Key(id int64) store.Key { return store.Key{PK: store.TenantPK(id), SK: store.TenantSK} }

// ErrNotFound means there is no such tenant.
var ErrNotFound = fmt.Errorf("tenant: %w", store.ErrNotFound)

// Load reads a tenant record.
func Load(ctx context.Context, s *store.Store, id int64) (*Tenant, error) {
	var t Tenant
	k := Key(id)
	if err := s.Get(ctx, k.PK, k.SK, &t); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	return &t, nil
}

// Domain is the tenant's developer portal host, as 3scale names it.
func (t *Tenant) Domain(super string) string { return t.Subdomain + "." + super }

// AdminDomain is the tenant's admin portal host.
func (t *Tenant) AdminDomain(super string) string { return t.Subdomain + "-admin." + super }
