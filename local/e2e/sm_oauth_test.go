package e2e

import (
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// 6.1 §31: oauth_authorize on an OAuth service.
func TestSMOAuthAuthorize(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{backendVersion: "oauth", appKey: "secret-key", redirectURL: "http://3scale.net"})
	r := f.call("oauth_authorize", f.q(), "")
	status(t, r, 200)
	want := xmlDoc + "<status><authorized>true</authorized><application><id>" + f.app.AppID +
		"</id><key>secret-key</key><redirect_url>http://3scale.net</redirect_url></application><plan>Basic</plan></status>"
	if r.String() != want {
		t.Fatalf("body:\n%s\nwant:\n%s", r.Body, want)
	}
	status(t, f.call("oauth_authorize", f.q("redirect_url", "http://3scale.net"), ""), 200)
	r = f.call("oauth_authorize", f.q("redirect_uri", "http://3scale.net2"), "rejection_reason_header=1")
	status(t, r, 409, `<reason>redirect_uri "http://3scale.net2" is invalid</reason><application><id>`+f.app.AppID+
		`</id><key>secret-key</key><redirect_uri>http://3scale.net</redirect_uri></application>`)
	if r.Header.Get("3scale-rejection-reason") != "redirect_uri_invalid" {
		t.Fatalf("header %v", r.Header)
	}
	// redirect_url wins over redirect_uri.
	status(t, f.call("oauth_authorize", f.q("redirect_url", "http://3scale.net", "redirect_uri", "http://other"), ""), 200)
	status(t, f.call("oauth_authorize", f.q("redirect_url", "http://bad", "redirect_uri", "http://3scale.net"), ""), 409,
		`redirect_url "http://bad" is invalid`)
	// An empty key is missing; a wrong one invalid; none at all passes.
	status(t, f.call("oauth_authorize", f.q("app_key", ""), ""), 409, "<reason>application key is missing</reason>")
	status(t, f.call("oauth_authorize", f.q("app_key", "nope"), ""), 409, `<reason>application key "nope" is invalid</reason>`)
	status(t, f.call("oauth_authorize", f.q("app_key", "secret-key"), ""), 200)
	// authorize.xml on an OAuth service validates keys the OAuth way.
	status(t, f.authorize(f.q()), 200)
	status(t, f.authorize(f.q("app_key", "")), 409, "application key is missing")
	// The oauth_* calls need an OAuth service.
	g := newSM(t, smOpts{})
	r = g.call("oauth_authorize", g.q(), "rejection_reason_header=1")
	status(t, r, 409, "<reason>oauth is not enabled</reason>")
	if r.Header.Get("3scale-rejection-reason") != "oauth_not_enabled" {
		t.Fatalf("header %v", r.Header)
	}
}

// 6.1 §32 and oauth_authrep counting.
func TestSMOAuthAuthrep(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{backendVersion: "oauth", redirectURL: "http://3scale.net"})
	f.limit("hits", "day", 10)
	status(t, f.call("oauth_authrep", f.q("usage[hits]", "3"), ""), 200,
		// An OAuth application gets its first key (client secret) at creation, as in 3scale.
		"<application><id>"+f.app.AppID+"</id><key>", "</key><redirect_url>http://3scale.net</redirect_url></application>",
		"<current_value>3</current_value>")
	status(t, f.authorize(f.q()), 200, "<current_value>3</current_value>")
	status(t, f.call("oauth_authrep", url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "user_key": {f.app.UserKey}}, ""),
		404, errBody("application_not_found", "application id is missing"))
}
