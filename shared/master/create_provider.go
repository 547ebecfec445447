// Package master is the Master API: the master administrator creates, reads
// and removes tenants. It also serves a tenant's view of its own account.
package master

import (
	"context"
	"net/http"
	"regexp"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

var emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// CreateProvider is POST /master/api/providers: a tenant, its admin user and
// access token, its provider key, and a first service named "API".
func CreateProvider(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var org, username, email, password string
		if err := q.Strs(api.Into("org_name", &org), api.Into("username", &username),
			api.Into("email", &email), api.Into("password", &password)); err != nil {
			return api.Result{}, err
		}
		// 3scale groups tenant signup errors by record, with full messages.
		e := &apierr.Error{HTTP: http.StatusUnprocessableEntity, Kind: apierr.KindFields}
		if org == "" {
			e.Add("account", "Org name can't be blank")
		}
		if username == "" {
			e.Add("user", "Username can't be blank")
		} else if len(username) < 3 || len(username) > 40 {
			e.Add("user", "Username is invalid")
		}
		if email == "" || !emailRE.MatchString(email) {
			e.Add("user", "Email should look like an email address")
		}
		if e.Fields != nil {
			return api.Result{}, e
		}
		ids, err := d.Store.NextIDs(ctx, 3)
		if err != nil {
			return api.Result{}, err
		}
		tid, uid, tokID := ids[0], ids[1], ids[2]
		in := catalog.ServiceInput{Name: "API", SystemName: "api"}
		if err := in.Validate(); err != nil {
			return api.Result{}, err
		}
		ns, err := in.Build(ctx, d.Store, tid, q.Now)
		if err != nil {
			return api.Result{}, err
		}
		t := &tenant.Tenant{Key: tenant.Key(tid), ID: tid, OrgName: org, State: tenant.Approved,
			Subdomain: subdomain(org, tid), ProviderKey: credential.NewKey(), AdminUser: uid, DefaultService: ns.Service.ID,
			FromEmail: email, SupportEmail: email, FinanceSupportEmail: email, SiteAccessCode: credential.Random(5),
			CreatedAt: q.Now, UpdatedAt: q.Now, StateChangedAt: q.Now}
		admin := &tenant.User{Key: tenant.UserKey(tid, uid), ID: uid, Username: username, Email: email,
			Role: "admin", State: "active", CreatedAt: q.Now, UpdatedAt: q.Now}
		if password != "" {
			admin.PasswordHash = credential.HashPassword(password)
		}
		token := credential.NewAccessToken()
		tok := &credential.TokenItem{Key: credential.TokenKey(token), ID: tokID, Tenant: tid, User: uid, Name: "Administration",
			Permission: credential.ReadWrite, Scopes: []string{credential.ScopeAccountManagement}, CreatedAt: q.Now}
		// The tenant record is written first in its own transaction: the
		// version bump of the second transaction needs it to exist.
		tx := d.Store.Tx(0).
			Create(t, nil).
			Create(&credential.ProviderKeyItem{Key: credential.ProviderKeyKey(t.ProviderKey), Tenant: tid}, nil).
			Create(admin, nil).
			Create(tok, nil).
			Create(&tenant.TokenRef{Key: tenant.TokenRefKey(tid, tokID), ID: tokID, User: uid, Name: tok.Name,
				Permission: tok.Permission, Scopes: tok.Scopes, Digest: tok.PK, CreatedAt: q.Now}, nil)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		stx := d.Store.Tx(tid)
		ns.Add(stx)
		if err := stx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		signup := wire.NewObj("signup").
			Set("account", ProviderObj(q.BaseURL(), t)).
			Set("access_token", wire.NewObj("access_token").
				Set("id", tokID).Set("name", tok.Name).Set("scopes", tok.Scopes).
				Set("permission", tok.Permission).Set("value", token))
		return api.Created(signup), nil
	})
}

// subdomain is the org name parameterized, made unique by the tenant id.
func subdomain(org string, id int64) string {
	s := strings.ReplaceAll(catalog.SystemName(org), "_", "-")
	if s == "" {
		s = "tenant"
	}
	return s + "-" + store.ID(id)[10:]
}

// superDomain is the base host of tenant domains (3scale's superdomain).
const superDomain = "turnpike.local"

// ProviderObj represents a tenant account, including its provider key.
func ProviderObj(base string, t *tenant.Tenant) *wire.Obj {
	o := wire.NewObj("account").
		Set("id", t.ID).
		Set("created_at", t.CreatedAt).
		Set("updated_at", t.UpdatedAt)
	if t.State == tenant.ScheduledForDeletion {
		o.Set("deletion_date", t.StateChangedAt.Add(tenant.DeletionDelay))
	}
	return o.
		Set("admin_domain", t.AdminDomain(superDomain)).
		Set("domain", t.Domain(superDomain)).
		Set("admin_base_url", "https://"+t.AdminDomain(superDomain)).
		Set("base_url", "https://"+t.Domain(superDomain)).
		Set("from_email", t.FromEmail).
		Set("support_email", t.SupportEmail).
		Set("finance_support_email", t.FinanceSupportEmail).
		Set("site_access_code", t.SiteAccessCode).
		Set("credit_card_stored", false).
		Set("monthly_billing_enabled", true).
		Set("monthly_charging_enabled", true).
		Set("state", t.State).
		Set("provider_key", t.ProviderKey).
		Set("default_service_id", t.DefaultService).
		JSON("links", wire.Links{{Rel: "users", Href: base + "/admin/api/accounts/" + itoaID(t.ID) + "/users"}}).
		Set("org_name", t.OrgName)
}
