package e2e

import (
	"context"
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/credential"
)

// What the hot path keeps per process is confirmed by the tenant's version on
// every call: rotated credentials, new applications and changed limits are
// seen by the very next call.
func TestSMCacheFollowsChanges(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 10)
	s := f.env.Server.Deps.Store
	ctx := context.Background()
	status(t, f.authorize(f.q()), 200)

	// Rotating the provider key (as an admin operation would, in one Tx of the tenant).
	old, next := f.tn.ProviderKey, credential.NewKey()
	ok, nk := credential.ProviderKeyKey(old), credential.ProviderKeyKey(next)
	err := s.Tx(f.tn.ID).Delete(ok.PK, ok.SK).Create(&credential.ProviderKeyItem{Key: nk, Tenant: f.tn.ID}, nil).Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	status(t, f.authorize(f.q()), 403, errBody("provider_key_invalid", `provider key "`+old+`" is invalid`))
	f.tn.ProviderKey = next
	status(t, f.authorize(f.q()), 200)

	// Removing a service token.
	token := f.serviceToken()
	byToken := url.Values{"service_token": {token}, "service_id": {testenv.S(f.svc)}, "app_id": {f.app.AppID}}
	status(t, f.authorize(byToken), 200)
	stk := credential.ServiceTokenKey(token, f.svc)
	if err := s.Tx(f.tn.ID).Delete(stk.PK, stk.SK).Commit(ctx); err != nil {
		t.Fatal(err)
	}
	status(t, f.authorize(byToken), 403, "service_token_invalid")

	// An unknown application, then created: found on the next call.
	q := url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {"later-app"}}
	status(t, f.authorize(q), 404, `application with id="later-app" was not found`)
	dev := testenv.Unique("dev")
	acc := f.tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	f.tn.Create(t, "/admin/api/accounts/"+testenv.S(testenv.ID(acc))+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(f.plan)}, "name": {"later"}, "application_id": {"later-app"}})
	status(t, f.authorize(q), 200)

	// A lowered limit binds at once.
	f.use("hits", 5)
	f.setLimit("hits", "day", 5)
	status(t, f.authrep(f.q("usage[hits]", "1")), 409, "<max_value>5</max_value><current_value>5</current_value>")
}
