package e2e

import (
	"net/url"
	"testing"
)

// The quickstart table of the gateway reference (section 5), every row,
// through the local gateway against the local Echo API.
func TestGatewayQuickstart(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	p.deleteRules(t)
	p.rule(t, "GET", "/v1/test", p.test)
	p.rule(t, "GET", "/v1", p.v1)
	p.rule(t, "GET", "/v2", p.v2)
	p.deploy(t)
	h, k := p.staging, "user_key="+url.QueryEscape(p.userKey)
	const (
		failed  = "Authentication failed"
		missing = "Authentication parameters missing"
		noMatch = "No Mapping Rule matched"
	)

	// Rows 4-11 first: none of them counts anything on test.
	r := p.call(t, "GET", h, "/v2/test?"+k)
	answer(t, r, 403, failed, "row 4: v2 is disabled")
	if r.Header.Get("Retry-After") != "" || r.Header.Get("Content-Type") != "text/plain; charset=us-ascii" {
		t.Fatalf("row 4: headers %v", r.Header)
	}
	answer(t, p.call(t, "GET", h, "/missing?"+k), 404, noMatch, "row 5: no rule")
	answer(t, p.call(t, "GET", h, "/noversion/test?"+k), 404, noMatch, "row 6: anchored at the start")
	for _, target := range []string{"/v1/test", "/missing", "/v2", "/v1?user_keyx=1"} {
		answer(t, p.call(t, "GET", h, target), 403, missing, "row 7: "+target+" without credentials")
	}
	answer(t, p.call(t, "GET", h, "/v1/test?user_key="), 403, failed, "row 8: empty key")
	answer(t, p.call(t, "GET", h, "/v1/test?user_key=WRONG"), 403, failed, "row 9: wrong key")
	answer(t, p.call(t, "POST", h, "/v1/test?"+k), 404, noMatch, "row 10: GET rules only")
	answer(t, p.call(t, "GET", h, "/V1/test?"+k), 404, noMatch, "row 11: case-sensitive")

	// Rows 1 and 12: five calls in the hour pass (the 12th row's path counts on the same rules).
	for i := 1; i <= 5; i++ {
		target := "/v1/test?" + k
		if i == 5 {
			target = "/v1/test/extra?" + k
		}
		got := echoed(t, p.call(t, "GET", h, target), "row 1: call "+target)
		if got["path"] != "/v1/test" && got["path"] != "/v1/test/extra" {
			t.Fatalf("row 1: upstream saw %v", got["path"])
		}
	}
	// Row 2: the sixth is refused, with the seconds to the end of the hour.
	r = p.call(t, "GET", h, "/v1/test?"+k)
	answer(t, r, 429, "Usage limit exceeded", "row 2: sixth call")
	if ra := atoi(r.Header.Get("Retry-After")); ra < 1 || ra > 3600 {
		t.Fatalf("row 2: Retry-After %q", r.Header.Get("Retry-After"))
	}
	answer(t, p.call(t, "GET", h, "/v1/test/extra?"+k), 429, "Usage limit exceeded", "row 12: prefix, refused too")
	// Row 3: v1 is unlimited, also after row 2.
	echoed(t, p.call(t, "GET", h, "/v1?"+k), "row 3")

	// Production serves nothing until promoted.
	answer(t, p.call(t, "GET", p.production, "/v1?"+k), 404, "", "production before promote")
	status(t, p.tn.Do(t, "POST", sp(p.svc, "/proxy/configs/sandbox/1/promote.json"), url.Values{"to": {"production"}}), 201)
	echoed(t, p.call(t, "GET", p.production, "/v1?"+k), "production after promote")
	answer(t, p.call(t, "GET", "unknown.example.net", "/v1?"+k), 404, "", "unknown host")
}

// Row 13: with the default GET / → hits rule kept, a call matches it and the
// specific rules: hits counts twice (test's parent and the catch-all).
func TestGatewayQuickstartDoubleCount(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	p.tn.Create(t, limitsPath(p.plan, p.hits)+".json", "limit", url.Values{"period": {"hour"}, "value": {"2"}})
	p.rule(t, "GET", "/v1/test", p.test)
	p.rule(t, "GET", "/v1", p.v1)
	p.deploy(t)
	k := "user_key=" + url.QueryEscape(p.userKey)
	tok := p.serviceToken(t)
	r := p.call(t, "GET", p.staging, "/v1/test?"+k, "X-3scale-Debug", tok)
	echoed(t, r, "row 13: first call")
	if got := r.Header.Get("X-3scale-Usage"); got != "usage%5Bhits%5D=1&usage%5Btest%5D=1&usage%5Bv1%5D=1" {
		t.Fatalf("row 13: usage %q", got)
	}
	// hits is at 2 of 2 after one call: the next one is refused.
	answer(t, p.call(t, "GET", p.staging, "/v1/test?"+k), 429, "Usage limit exceeded", "row 13: hits counted twice")
}

func (p *echoProduct) serviceToken(t *testing.T) string {
	t.Helper()
	r := p.tn.Do(t, "GET", sp(p.svc, "/proxy/configs/sandbox/latest.json"), nil)
	status(t, r, 200)
	return text(t, inner(t, obj(t, r, "proxy_config"), "content"), "backend_authentication_value")
}
