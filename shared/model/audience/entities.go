// Package audience is who a provider sells to: developer accounts, their users
// and applications, keys and subscriptions, with the Account Management API
// operations on them.
package audience

import (
	"strings"
	"time"

	"turnpike/shared/platform/store"
)

// Account states (3scale's buyer account states).
const (
	AccountCreated   = "created"
	AccountPending   = "pending"
	AccountApproved  = "approved"
	AccountRejected  = "rejected"
	AccountSuspended = "suspended"
)

// Account is a developer (buyer) account.
type Account struct {
	store.Key
	store.Index                      // GSI1: the accounts of the tenant in one state (AccountsInState)
	ID             int64             `dynamodbav:"id"`
	OrgName        string            `dynamodbav:"org_name"`
	State          string            `dynamodbav:"state"`
	AdminUser      int64             `dynamodbav:"admin_user"`
	Admins         int64             `dynamodbav:"admins"`         // admin users; the last one cannot go
	Plan           int64             `dynamodbav:"plan,omitempty"` // the account plan bought, if any
	BillingOff     bool              `dynamodbav:"billing_off,omitempty"`
	ChargingOff    bool              `dynamodbav:"charging_off,omitempty"`
	Annotations    map[string]string `dynamodbav:"annotations,omitempty"`
	Fields         map[string]string `dynamodbav:"fields,omitempty"` // built-in fields besides org_name (AccountFields)
	CreatedAt      time.Time         `dynamodbav:"created_at"`
	UpdatedAt      time.Time         `dynamodbav:"updated_at"`
	StateChangedAt time.Time         `dynamodbav:"state_changed_at"`
}

// AccountKey is a developer account's key.
func AccountKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("ACC", id)}
}

// User states and roles.
const (
	UserPending   = "pending"
	UserActive    = "active"
	UserSuspended = "suspended"
	RoleAdmin     = "admin"
	RoleMember    = "member"
)

// User is a user of a developer account.
type User struct {
	store.Key
	ID           int64     `dynamodbav:"id"`
	Account      int64     `dynamodbav:"account"`
	Username     string    `dynamodbav:"username"`
	Email        string    `dynamodbav:"email,omitempty"`
	PasswordHash string    `dynamodbav:"password_hash,omitempty"`
	State        string    `dynamodbav:"state"`
	Role         string    `dynamodbav:"role"`
	CreatedAt    time.Time `dynamodbav:"created_at"`
	UpdatedAt    time.Time `dynamodbav:"updated_at"`
}

// UserKey keeps an account's users together.
func UserKey(tenant, account, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: UserPrefix(account) + store.ID(id)}
}

// UserPrefix selects every user of an account.
func UserPrefix(account int64) string { return "USR#" + store.ID(account) + "#" }

// Application states (3scale's contract states).
const (
	AppPending   = "pending"
	AppLive      = "live"
	AppSuspended = "suspended"
)

// Application is a developer's application: credentials on one plan of one service.
type Application struct {
	store.Key
	store.Index
	ID              int64     `dynamodbav:"id"`
	Account         int64     `dynamodbav:"account"`
	Service         int64     `dynamodbav:"service"`
	Plan            int64     `dynamodbav:"plan"`
	Name            string    `dynamodbav:"name"`
	Description     string    `dynamodbav:"description,omitempty"`
	State           string    `dynamodbav:"state"`
	UserKey         string    `dynamodbav:"user_key"`
	AppID           string    `dynamodbav:"app_id"`
	Keys            []string  `dynamodbav:"keys,omitempty"`
	ReferrerFilters []string  `dynamodbav:"referrer_filters,omitempty"`
	KeyTimes        KeyTimes  `dynamodbav:"key_times,omitempty"`
	Referrers       Referrers `dynamodbav:"referrers,omitempty"`
	RedirectURL     string    `dynamodbav:"redirect_url,omitempty"`
	CreatedAt       time.Time `dynamodbav:"created_at"`
	UpdatedAt       time.Time `dynamodbav:"updated_at"`
	AcceptedAt      time.Time `dynamodbav:"accepted_at,omitempty"`
}

// ApplicationKey is an application's key.
func ApplicationKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("APP", id)}
}

// AppsOfAccount lists an account's applications (GSI1).
func AppsOfAccount(tenant, account int64) string { return store.Parent(tenant, "ACC", account, "APP") }

// Claim kinds.
const (
	ClaimUserKey  = "userkey"
	ClaimAppID    = "appid"
	ClaimUsername = "username"
	ClaimEmail    = "email"
)

// ClaimKey is the key of a uniqueness claim; usernames and emails compare case-insensitively.
func ClaimKey(tenant int64, kind, value string) store.Key {
	if kind == ClaimUsername || kind == ClaimEmail {
		value = strings.ToLower(value)
	}
	return store.ClaimKey(tenant, kind, value)
}

func NewClaim(tenant int64, kind, value string, owner int64) *store.Claim {
	return &store.Claim{Key: ClaimKey(tenant, kind, value), Owner: owner}
}
