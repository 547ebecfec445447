package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// What the hot path keeps per process is confirmed by the tenant's version on
// every call: rotated credentials, a changed application state, new
// applications and changed limits are seen by the very next call. Every change
// is made through the admin API.
func TestSMCacheFollowsChanges(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 10)
	status(t, f.authorize(f.q()), 200)

	// Rotating an application's keys: an added key opens at once, a deleted one closes at once.
	keyed := f.newApp(smOpts{})
	withKey := func(key string) url.Values {
		return url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {keyed.AppID}, "app_key": {key}}
	}
	f.addKeys(keyed, "first-key")
	status(t, f.authorize(withKey("first-key")), 200)
	f.addKeys(keyed, "second-key")
	send(t, f.tn, 200, "DELETE", keyed.path()+"/keys/first-key.json", nil)
	status(t, f.authorize(withKey("first-key")), 409, `<reason>application key "first-key" is invalid</reason>`)
	status(t, f.authorize(withKey("second-key")), 200)

	// Changing a user_key: the old one is refused and the new one accepted on the next call.
	uk := newSM(t, smOpts{backendVersion: "1"})
	byKey := func(key string) url.Values {
		return url.Values{"provider_key": {uk.tn.ProviderKey}, "service_id": {testenv.S(uk.svc)}, "user_key": {key}}
	}
	status(t, uk.authorize(byKey(uk.app.UserKey)), 200)
	next := text(t, obj(t, send(t, uk.tn, 200, "PUT", uk.app.path()+"/change_user_key.json", nil), "application"), "user_key")
	status(t, uk.authorize(byKey(uk.app.UserKey)), 403, errBody("user_key_invalid", `user key "`+uk.app.UserKey+`" is invalid`))
	status(t, uk.authorize(byKey(next)), 200)

	// Suspending the application and resuming it.
	f.suspend(f.app)
	status(t, f.authorize(f.q()), 409, "application is not active")
	f.resume(f.app)
	status(t, f.authorize(f.q()), 200)

	// An unknown application, then created: found on the next call.
	q := url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {"later-app"}}
	status(t, f.authorize(q), 404, `application with id="later-app" was not found`)
	dev := testenv.Unique("dev")
	acc := f.tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	f.tn.Create(t, "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(f.plan)}, "name": {"later"}, "application_id": {"later-app"}})
	status(t, f.authorize(q), 200)

	// A lowered limit binds at once.
	f.use("hits", 5)
	f.setLimit("hits", "day", 5)
	status(t, f.authrep(f.q("usage[hits]", "1")), 409, "<max_value>5</max_value><current_value>5</current_value>")
}
