package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The thin path's authrep errors, byte for byte as 3scale's backend answers them.
func TestAuthrepErrors(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 1})
	const x = `<?xml version="1.0" encoding="UTF-8"?>`
	svc := testenv.S(app.Service)
	cases := []struct {
		name   string
		q      url.Values
		status int
		body   string
	}{
		{"no credentials", url.Values{"user_key": {app.UserKey}}, 403,
			x + `<error code="provider_key_or_service_token_required">Provider key or service token are required</error>`},
		{"token without service", url.Values{"service_token": {"t"}}, 422, x + `<error code="service_id_missing">Service ID is missing</error>`},
		{"unknown token", url.Values{"service_token": {"a_token"}, "service_id": {svc}}, 403,
			x + `<error code="service_token_invalid">service token "a_token" or service id "` + svc + `" is invalid</error>`},
		{"unknown provider key", url.Values{"provider_key": {"invalid_key"}, "user_key": {app.UserKey}}, 403,
			x + `<error code="provider_key_invalid_or_service_missing">provider key "invalid_key" invalid and/or service ID missing</error>`},
		{"unknown service", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {"fake"}, "user_key": {app.UserKey}}, 403,
			x + `<error code="service_id_invalid">service id "fake" is invalid</error>`},
		{"unknown user key", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {"biteme"}}, 403,
			x + `<error code="user_key_invalid">user key "biteme" is invalid</error>`},
		{"both credentials", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "app_id": {"a"}}, 403,
			x + `<error code="authentication_error">either app_id or user_key is allowed, not both</error>`},
		{"end users", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "user_id": {"1"}}, 400,
			x + `<error code="end_users_no_longer_supported">End-users are no longer supported, do not specify the user_id parameter</error>`},
		{"usage not a hash", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "usage": {"1001"}}, 403, ``},
		{"unknown metric", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "usage[nukes]": {"1"}}, 404,
			x + `<error code="metric_invalid">metric "nukes" is invalid</error>`},
		{"bad value", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "usage[hits]": {"##55"}}, 403,
			x + `<error code="usage_value_invalid">usage value "##55" for metric "hits" is invalid</error>`},
		{"over the limit at once", url.Values{"provider_key": {tn.ProviderKey}, "service_id": {svc}, "user_key": {app.UserKey}, "usage[hits]": {"2"}}, 409, ""},
	}
	for _, c := range cases {
		r := env.Do(t, "GET", "/transactions/authrep.xml", c.q)
		if r.Status != c.status || (c.status != 409 && r.String() != c.body) {
			t.Errorf("%s: got %d %s, want %d %s", c.name, r.Status, r.Body, c.status, c.body)
		}
	}
	for name, raw := range map[string]string{
		"bad escape":  "/transactions/authrep.xml?provider_key=" + tn.ProviderKey + "&testparam=value1%",
		"bad nesting": "/transactions/authrep.xml?provider_key=" + tn.ProviderKey + "&usage[]=1&usage[hits]=1",
	} {
		if r := env.Raw(t, "GET", raw, "", nil); r.Status != 400 {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := env.Raw(t, "GET", "/transactions/authrep.xml?provider_key=%FF", "", nil); r.Status != 422 ||
		r.String() != x+`<error code="not_valid_data">all data must be valid UTF8</error>` {
		t.Errorf("invalid UTF-8: %d %s", r.Status, r.Body)
	}
}
