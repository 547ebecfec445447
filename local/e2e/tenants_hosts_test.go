package e2e

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
)

// With ROOT_DOMAIN set, a tenant's credentials work only on its own admin
// host and the master's only on the master host.
func TestTenantHosts(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	a, b := env.NewTenant(t), env.NewTenant(t)
	d := *env.Server.Deps // the same store, another configuration
	d.RootDomain = "turnpike.test"
	hs := httptest.NewServer(dispatch.New(&d))
	defer hs.Close()
	send := func(host, method, path string, form url.Values) *testenv.Response {
		t.Helper()
		req, err := http.NewRequest(method, hs.URL+path+"?"+form.Encode(), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		return env.Send(t, req)
	}
	// The representation names hosts under ROOT_DOMAIN.
	hostOf := func(tn *testenv.Tenant) string {
		t.Helper()
		r := send("master.turnpike.test", "GET", "/master/api/providers/"+testenv.S(tn.ID)+".json", url.Values{"access_token": {testenv.MasterToken}})
		status(t, r, 200)
		h := text(t, obj(t, r, "signup", "account"), "admin_domain")
		if !strings.HasSuffix(h, "-admin.turnpike.test") {
			t.Fatalf("admin_domain %s", h)
		}
		return h
	}
	aHost, bHost := hostOf(a), hostOf(b)
	for _, c := range []struct {
		name, host string
		form       url.Values
		want       int
	}{
		{"A's token on A's host", aHost, url.Values{"access_token": {a.Token}}, 200},
		{"A's token on A's host, with a port", aHost + ":443", url.Values{"access_token": {a.Token}}, 200},
		{"A's provider key on A's host", aHost, url.Values{"provider_key": {a.ProviderKey}}, 200},
		{"A's token on B's host", bHost, url.Values{"access_token": {a.Token}}, 403},
		{"A's provider key on B's host", bHost, url.Values{"provider_key": {a.ProviderKey}}, 403},
		{"A's token on another host", "127.0.0.1", url.Values{"access_token": {a.Token}}, 403},
		{"A's token on the master host", "master.turnpike.test", url.Values{"access_token": {a.Token}}, 403},
		{"B's token on B's host", bHost, url.Values{"access_token": {b.Token}}, 200},
	} {
		if r := send(c.host, "GET", "/admin/api/provider.json", c.form); r.Status != c.want {
			t.Errorf("%s: %d %s", c.name, r.Status, r.Body)
		}
	}
	master := url.Values{"access_token": {testenv.MasterToken}}
	if r := send(aHost, "GET", "/master/api/providers/"+testenv.S(a.ID)+".json", master); r.Status != 403 || len(r.Body) != 0 {
		t.Errorf("master on a tenant host: %d %s", r.Status, r.Body)
	}
	if r := send("turnpike.test", "GET", "/master/api/providers/"+testenv.S(a.ID)+".json", master); r.Status != 403 {
		t.Errorf("master on the bare root domain: %d %s", r.Status, r.Body)
	}
}
