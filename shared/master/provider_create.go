// Package master is the Master API: the master administrator creates, reads
// and removes tenants. It also serves a tenant's view of its own account.
package master

import (
	"context"
	"errors"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// CreateProvider is POST /master/api/providers: a tenant, its admin user and
// access token, its provider key, and a first service named "API".
func CreateProvider(d *deps.Deps) http.Handler {
	return api.Master(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var in tenant.SignupInput
		if err := q.Strs(api.Into("org_name", &in.OrgName), api.Into("username", &in.Username),
			api.Into("email", &in.Email), api.Into("password", &in.Password),
			api.Into("password_confirmation", &in.PasswordConfirmation)); err != nil {
			return api.Result{}, err
		}
		in.ConfirmationSent = q.Has("password_confirmation")
		if err := in.Validate(); err != nil {
			return api.Result{}, err
		}
		ids, err := d.Store.NextIDs(ctx, 3)
		if err != nil {
			return api.Result{}, err
		}
		tid, uid, tokID := ids[0], ids[1], ids[2]
		svc := catalog.ServiceInput{Name: "API", SystemName: "api"}
		if err := svc.Validate(); err != nil {
			return api.Result{}, err
		}
		ns, err := svc.Build(ctx, d.Store, tid, q.Now)
		if err != nil {
			return api.Result{}, err
		}
		t := &tenant.Tenant{Key: tenant.Key(tid), ID: tid, OrgName: in.OrgName, State: tenant.Approved,
			ProviderKey: credential.NewKey(), AdminUser: uid, DefaultService: ns.Service.ID,
			FromEmail: in.Email, SupportEmail: in.Email, FinanceSupportEmail: in.Email, SiteAccessCode: credential.Random(5),
			CreatedAt: q.Now, UpdatedAt: q.Now, StateChangedAt: q.Now}
		admin := &tenant.User{Key: tenant.UserKey(tid, uid), ID: uid, Username: in.Username, Email: in.Email,
			Role: "admin", State: "active", CreatedAt: q.Now, UpdatedAt: q.Now}
		if in.Password != "" {
			admin.PasswordHash = credential.HashPassword(in.Password)
		}
		token := credential.NewAccessToken()
		tok := &credential.TokenItem{Key: credential.TokenKey(token), ID: tokID, Tenant: tid, User: uid, Name: "Administration",
			Permission: credential.ReadWrite, Scopes: []string{credential.ScopeAccountManagement, credential.ScopePolicyRegistry}, CreatedAt: q.Now}
		// The tenant record is written first in its own transaction: the
		// version bump of the second transaction needs it to exist. Its
		// subdomain is the first of acme, acme-2, acme-3… nobody holds.
		base, n := tenant.BaseSubdomain(in.OrgName), 1
		for {
			var err error
			if t.Subdomain, n, err = tenant.FreeSubdomain(ctx, d.Store, base, n); err != nil {
				return api.Result{}, err
			}
			tx := d.Store.Tx(0).
				Create(t, nil).
				Create(&tenant.SubdomainClaim{Key: tenant.SubdomainKey(t.Subdomain), Tenant: tid}, tenant.ErrSubdomainTaken).
				Create(&credential.ProviderKeyItem{Key: credential.ProviderKeyKey(t.ProviderKey), Tenant: tid}, nil).
				Create(admin, nil).
				Create(tok, nil).
				Create(&tenant.TokenRef{Key: tenant.TokenRefKey(tid, tokID), ID: tokID, User: uid, Name: tok.Name,
					Permission: tok.Permission, Scopes: tok.Scopes, Digest: tok.PK, CreatedAt: q.Now}, nil)
			err = tx.Commit(ctx)
			if errors.Is(err, tenant.ErrSubdomainTaken) {
				n++ // taken meanwhile by a concurrent signup
				continue
			}
			if err != nil {
				return api.Result{}, err
			}
			break
		}
		stx := d.Store.Tx(tid)
		ns.Add(stx)
		if err := stx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		signup := wire.NewObj("signup").
			Set("account", api.ProviderObj(d, q.BaseURL(), t)).
			Set("access_token", wire.NewObj("access_token").
				Set("id", tokID).Set("name", tok.Name).Set("scopes", tok.Scopes).
				Set("permission", tok.Permission).Set("value", token))
		return api.Created(signup), nil
	})
}
