package e2e

import (
	"math"
	"strconv"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/counter"
)

// 6.1 §22: authrep answers with the value after its usage; authorize then sees it.
func TestSMAuthrepCounts(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	status(t, f.authrep(f.q("usage[hits]", "1")), 200, "<max_value>100</max_value><current_value>1</current_value>")
	status(t, f.authorize(f.q()), 200, "<current_value>1</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "3")), 200, "<current_value>4</current_value>")
	// Authrep without usage counts nothing.
	status(t, f.authrep(f.q()), 200, "<current_value>4</current_value>")
}

// 6.1 §23: usage on a method counts on its parent too.
func TestSMAuthrepHierarchy(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("child_hits", "hits")
	f.limit("hits", "eternity", 100)
	f.limit("child_hits", "eternity", 100)
	check := func(r *testenv.Response, hits, child int) {
		t.Helper()
		status(t, r, 200,
			`<usage_report metric="hits" period="eternity"><max_value>100</max_value><current_value>`+strconv.Itoa(hits)+`</current_value>`,
			`<usage_report metric="child_hits" period="eternity"><max_value>100</max_value><current_value>`+strconv.Itoa(child)+`</current_value>`)
	}
	check(f.authrep(f.q("usage[hits]", "1", "usage[child_hits]", "1")), 2, 1)
	check(f.authrep(f.q("usage[hits]", "1", "usage[child_hits]", "1")), 4, 2)
	check(f.authrep(f.q("usage[hits]", "2", "usage[child_hits]", "5")), 11, 7)
	check(f.authrep(f.q("usage[child_hits]", "50")), 61, 57)
	// flat_usage counts only what is named.
	check(f.call("authrep", f.q("usage[child_hits]", "1"), "flat_usage=1"), 61, 58)
}

// 6.1 §24: a denied authrep shows and keeps the stored value.
func TestSMAuthrepDeniedCountsNothing(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 4)
	f.use("hits", 3)
	status(t, f.authrep(f.q("usage[hits]", "2")), 409, "<reason>usage limits are exceeded</reason>", "<max_value>4</max_value><current_value>3</current_value>")
	status(t, f.authorize(f.q()), 200, "<current_value>3</current_value>")
}

// 6.1 §25: #N sets the counter.
func TestSMAuthrepSetUsage(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	f.use("hits", 99)
	status(t, f.authrep(f.q("usage[hits]", "#2")), 200, "<current_value>2</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "98")), 200, "<current_value>100</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "98")), 409, "<current_value>100</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "#50")), 200, "<current_value>50</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "#101")), 409, "<current_value>50</current_value>")
	status(t, f.authrep(f.q("usage[hits]", "#0")), 200, "<current_value>0</current_value>")
}

// 6.1 §26: a set on a method sets its parent; with two, the last one wins.
func TestSMAuthrepSetPropagates(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("hits_child_1", "hits")
	f.metric("hits_child_2", "hits")
	for _, m := range []string{"hits", "hits_child_1", "hits_child_2"} {
		f.limit(m, "day", 100)
	}
	f.use("hits", 5)
	status(t, f.authrep(f.q("usage[hits_child_2]", "#10")), 200,
		`<usage_report metric="hits" period="day">`, "<max_value>100</max_value><current_value>10</current_value></usage_report><usage_report metric=\"hits_child_1\"")
	r := f.authrep(f.q("usage[hits_child_1]", "#11", "usage[hits_child_2]", "#12"))
	status(t, r, 200, `<usage_report metric="hits" period="day">`+period("day", time.Now().UTC())+`<max_value>100</max_value><current_value>12</current_value>`)
}

// 6.1 §27: limit headers pick the most constrained limit, the longer period on ties.
func TestSMLimitHeaders(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("metric2", "")
	f.limit("hits", "day", 100)
	f.limit("hits", "hour", 100)
	f.limit("metric2", "day", 200)
	before := time.Now().UTC()
	r := f.call("authrep", f.q("usage[hits]", "10", "usage[metric2]", "10"), "limit_headers=1")
	after := time.Now().UTC()
	status(t, r, 200)
	headers(t, r, "9", resetRange("day", before, after), "100")
	r = f.call("authorize", f.q("usage[hits]", "10"), "limit_headers=1")
	headers(t, r, "9", resetRange("day", before, time.Now().UTC()), "100")
	r = f.call("authorize", f.q("usage[hits]", "5"), "limit_headers=1")
	headers(t, r, "18", resetRange("day", before, time.Now().UTC()), "100")
	// IETF headers: every limit considered, and the most constrained one.
	if p := r.Header.Get("RateLimit-Policy"); p != `"hits-day";q=100;w=86400, "hits-hour";q=100;w=3600` {
		t.Fatalf("RateLimit-Policy %q", p)
	}
	if rl := r.Header.Get("RateLimit"); rl[:len(`"hits-day";r=90;t=`)] != `"hits-day";r=90;t=` {
		t.Fatalf("RateLimit %q", rl)
	}
}

// 6.1 §28: denied by a limit; unlimited; eternity; errors carry no limit headers.
func TestSMLimitHeadersEdges(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "hour", 10)
	f.limit("hits", "day", 100)
	before := time.Now().UTC()
	r := f.call("authrep", f.q("usage[hits]", "11"), "limit_headers=1&rejection_reason_header=1")
	status(t, r, 409)
	headers(t, r, "0", resetRange("hour", before, time.Now().UTC()), "10")
	if r.Header.Get("3scale-rejection-reason") != "limits_exceeded" {
		t.Fatalf("reason header %v", r.Header)
	}
	// Disabled metric: limit 0.
	f.metric("disabled", "")
	f.limit("disabled", "day", 0)
	r = f.call("authrep", f.q("usage[disabled]", "1"), "limit_headers=1")
	status(t, r, 409)
	headers(t, r, "0", resetRange("day", before, time.Now().UTC()), "0")
	// No limits at all.
	g := newSM(t, smOpts{})
	r = g.call("authrep", g.q("usage[hits]", "1"), "limit_headers=1")
	headers(t, r, "-1", "-1", "")
	if r.Header.Get("RateLimit") != "" || r.Header.Get("RateLimit-Policy") != "" {
		t.Fatalf("RateLimit headers without limits: %v", r.Header)
	}
	// Eternity resets never.
	e := newSM(t, smOpts{})
	e.limit("hits", "eternity", 10)
	r = e.call("authrep", e.q("usage[hits]", "1"), "limit_headers=1")
	headers(t, r, "9", "-1", "10")
	// Raised errors and other denials: no limit headers.
	r = e.call("authrep", e.q("usage[nope]", "1"), "limit_headers=1")
	headers(t, r, "", "", "")
	e.addKeys(e.app, "secret")
	r = e.call("authrep", e.q("usage[hits]", "1"), "limit_headers=1")
	status(t, r, 409)
	headers(t, r, "", "", "")
}

// headers asserts the three 3scale limit headers ("" = absent; reset may be "lo-hi").
func headers(t *testing.T, r *testenv.Response, remaining, reset, maxValue string) {
	t.Helper()
	if got := r.Header.Get("3scale-limit-remaining"); got != remaining {
		t.Fatalf("3scale-limit-remaining %q, want %q (%v)", got, remaining, r.Header)
	}
	got := r.Header.Get("3scale-limit-reset")
	if lo, hi, ok := cut(reset); ok {
		n, err := strconv.ParseInt(got, 10, 64)
		if err != nil || n < lo || n > hi {
			t.Fatalf("3scale-limit-reset %q, want %s", got, reset)
		}
	} else if got != reset {
		t.Fatalf("3scale-limit-reset %q, want %q", got, reset)
	}
	if got := r.Header.Get("3scale-limit-max-value"); got != maxValue {
		t.Fatalf("3scale-limit-max-value %q, want %q", got, maxValue)
	}
}

func cut(s string) (int64, int64, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] == ':' {
			lo, err1 := strconv.ParseInt(s[:i], 10, 64)
			hi, err2 := strconv.ParseInt(s[i+1:], 10, 64)
			return lo, hi, err1 == nil && err2 == nil
		}
	}
	return 0, 0, false
}

// resetRange is the seconds to the period's end as seen between before and after ("lo:hi").
func resetRange(p string, before, after time.Time) string {
	end := func(at time.Time) int64 {
		return int64(math.Ceil(counter.End(p, counter.Start(p, at)).Sub(at).Seconds()))
	}
	return strconv.FormatInt(end(after), 10) + ":" + strconv.FormatInt(end(before), 10)
}

// 6.1 §29: the hierarchy extension, and flat_usage.
func TestSMHierarchyExtension(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("child_metric_1", "hits")
	f.metric("child_metric_2", "hits")
	f.limit("hits", "day", 5)
	f.limit("child_metric_1", "day", 6)
	r := f.call("authorize", f.q(), "hierarchy=1")
	status(t, r, 200, `<hierarchy><metric name="hits" children="child_metric_1 child_metric_2"/><metric name="child_metric_1" children=""/></hierarchy></status>`)
	status(t, f.authorize(f.q("usage[child_metric_2]", "5")), 200)
	status(t, f.authorize(f.q("usage[child_metric_2]", "6")), 409)
	status(t, f.call("authorize", f.q("usage[child_metric_2]", "6"), "flat_usage=1"), 200)
	status(t, f.call("authorize", f.q("usage[hits]", "6"), "flat_usage=1"), 409)
}

// 6.1 §30: list_app_keys, also when there are none and when the key is wrong.
func TestSMListAppKeys(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	sid := testenv.S(f.svc)
	status(t, f.call("authorize", f.q(), "list_app_keys=1"), 200, `<app_keys app="`+f.app.AppID+`" svc="`+sid+`"></app_keys></status>`)
	f.addKeys(f.app, "key-one", "key-two")
	status(t, f.call("authorize", f.q("app_key", "key-one"), "list_app_keys=1"), 200,
		`<app_keys app="`+f.app.AppID+`" svc="`+sid+`"><key id="key-one"/><key id="key-two"/></app_keys>`)
	status(t, f.call("authorize", f.q("app_key", "wrong"), "list_app_keys=1"), 409, `<key id="key-one"/><key id="key-two"/>`)
}
