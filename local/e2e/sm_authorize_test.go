package e2e

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// 6.1 §1: a plain authorization.
func TestSMAuthorizeBasic(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	r := f.authorize(f.q())
	status(t, r, 200)
	if want := xmlDoc + "<status><authorized>true</authorized><plan>Basic</plan></status>"; r.String() != want {
		t.Fatalf("body:\n%s\nwant:\n%s", r.Body, want)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.3scale-v2.0+xml" {
		t.Fatalf("Content-Type %q", ct)
	}
	if r.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("no CORS header: %v", r.Header)
	}
}

// 6.1 §2: usage reports, month before day, max before current, +0000 dates.
func TestSMAuthorizeUsageReports(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	f.limit("hits", "month", 10000)
	f.use("hits", 2)
	now := time.Now().UTC()
	r := f.authorize(f.q())
	want := xmlDoc + `<status><authorized>true</authorized><plan>Basic</plan><usage_reports>` +
		`<usage_report metric="hits" period="month">` + period("month", now) + `<max_value>10000</max_value><current_value>2</current_value></usage_report>` +
		`<usage_report metric="hits" period="day">` + period("day", now) + `<max_value>100</max_value><current_value>2</current_value></usage_report>` +
		`</usage_reports></status>`
	exactly(t, r, 200, want)
}

// 6.1 §3: unknown provider key, with and without no_body.
func TestSMAuthorizeInvalidProviderKey(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	q := url.Values{"provider_key": {"invalid_key"}, "app_id": {f.app.AppID}}
	r := f.authorize(q)
	status(t, r, 403)
	if want := errBody("provider_key_invalid_or_service_missing", `provider key "invalid_key" invalid and/or service ID missing`); r.String() != want {
		t.Fatalf("body %s", r.Body)
	}
	r = f.call("authorize", q, "no_body=1")
	if r.Status != 403 || len(r.Body) != 0 {
		t.Fatalf("no_body: %d %q", r.Status, r.Body)
	}
	// With a service id, an unknown key is provider_key_invalid.
	q.Set("service_id", testenv.S(f.svc))
	status(t, f.authorize(q), 403, `<error code="provider_key_invalid">provider key "invalid_key" is invalid</error>`)
}

// 6.1 §4: unknown and missing application.
func TestSMAuthorizeApplicationNotFound(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	r := f.authorize(url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {"boo"}})
	exactly(t, r, 404, errBody("application_not_found", `application with id="boo" was not found`))
	r = f.authorize(url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}})
	exactly(t, r, 404, errBody("application_not_found", "application id is missing"))
}

// 6.1 §5: a service of another provider, and a service id that does not exist.
func TestSMAuthorizeForeignService(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	other := newSM(t, smOpts{})
	q := f.q()
	q.Set("service_id", testenv.S(other.svc))
	status(t, f.authorize(q), 403, errBody("service_id_invalid", `service id "`+testenv.S(other.svc)+`" is invalid`))
	q.Set("service_id", "fake")
	status(t, f.authorize(q), 403, errBody("service_id_invalid", `service id "fake" is invalid`))
	// The default service is used when service_id is omitted.
	// The default service ("API", user_key mode) is used when service_id is omitted; the app is not one of its.
	q = url.Values{"provider_key": {f.tn.ProviderKey}, "user_key": {f.app.UserKey}}
	status(t, f.authorize(q), 403, errBody("user_key_invalid", `user key "`+f.app.UserKey+`" is invalid`))
}

// 6.1 §6: suspended and pending applications are refused on the very next call.
func TestSMAuthorizeApplicationNotActive(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	status(t, f.authorize(f.q()), 200)
	f.suspend(f.app)
	r := f.call("authorize", f.q(), "rejection_reason_header=1")
	status(t, r, 409, "<authorized>false</authorized><reason>application is not active</reason><plan>Basic</plan>")
	if h := r.Header.Get("3scale-rejection-reason"); h != "application_not_active" {
		t.Fatalf("rejection header %q", h)
	}
	status(t, f.authrep(f.q("usage[hits]", "1")), 409, "application is not active")
	f.resume(f.app)
	status(t, f.authorize(f.q()), 200)
	// Pending: an application on a plan that requires approval, until it is accepted.
	approval := testenv.ID(t, f.tn.Create(t, "/admin/api/services/"+testenv.S(f.svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"Approval"}, "approval_required": {"true"}}))
	pending := f.appOn(approval, smOpts{})
	q := url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {pending.AppID}}
	status(t, f.authorize(q), 409, "application is not active")
	send(t, f.tn, 200, "PUT", pending.path()+"/accept.json", nil)
	status(t, f.authorize(q), 200)
}

// 6.1 §7: stored usage over a limit denies; only that report is exceeded.
func TestSMAuthorizeLimitsExceeded(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 10)
	f.limit("hits", "month", 10)
	f.use("hits", 5)
	f.setLimit("hits", "day", 4)
	now := time.Now().UTC()
	r := f.authorize(f.q())
	want := xmlDoc + `<status><authorized>false</authorized><reason>usage limits are exceeded</reason><plan>Basic</plan><usage_reports>` +
		`<usage_report metric="hits" period="month">` + period("month", now) + `<max_value>10</max_value><current_value>5</current_value></usage_report>` +
		`<usage_report metric="hits" period="day" exceeded="true">` + period("day", now) + `<max_value>4</max_value><current_value>5</current_value></usage_report>` +
		`</usage_reports></status>`
	exactly(t, r, 409, want)
}

// 6.1 §8, a suspended service ("service is not active"), is a state no API
// reaches: the Account Management API has no event that suspends a service
// and refuses one, so the service stays active for authorize.
func TestSMServiceCannotBeSuspended(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	fieldError(t, f.tn.Do(t, "PUT", "/admin/api/services/"+testenv.S(f.svc)+".json", url.Values{"state_event": {"suspend"}}),
		422, "state_event", "is invalid")
	status(t, f.authorize(f.q()), 200)
}

// 6.1 §9: eternity limits have no period bounds.
func TestSMAuthorizeEternity(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "eternity", 10)
	f.use("hits", 3)
	status(t, f.authorize(f.q()), 200, `<usage_report metric="hits" period="eternity"><max_value>10</max_value><current_value>3</current_value></usage_report>`)
	f.setLimit("hits", "eternity", 2)
	status(t, f.authorize(f.q()), 409, `<usage_report metric="hits" period="eternity" exceeded="true"><max_value>2</max_value><current_value>3</current_value></usage_report>`)
}

// 6.1 §10: no_body as header and as parameter.
func TestSMAuthorizeNoBody(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	for _, c := range []struct {
		opt, param string
		empty      bool
	}{{"no_body=1", "", true}, {"", "1", true}, {"", "true", true}, {"", "0", false}, {"", "false", false}} {
		q := f.q()
		if c.param != "" {
			q.Set("no_body", c.param)
		}
		r := f.call("authorize", q, c.opt)
		if r.Status != 200 || (len(r.Body) == 0) != c.empty {
			t.Fatalf("%+v: %d %q", c, r.Status, r.Body)
		}
	}
}

// 6.1 §11: usage that is not a hash, and malformed nesting.
func TestSMAuthorizeUsageNotHash(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	base := "/transactions/authorize.xml?provider_key=" + f.tn.ProviderKey + "&service_id=" + testenv.S(f.svc) + "&app_id=" + f.app.AppID
	for _, q := range []string{"&usage=", "&usage=1001"} {
		r := f.env.Raw(t, "GET", base+q, "", nil)
		if r.Status != 403 || len(r.Body) != 0 {
			t.Fatalf("%s: %d %q", q, r.Status, r.Body)
		}
	}
	r := f.env.Raw(t, "GET", base+"&usage[]=1&usage[hits]=1", "", nil)
	status(t, r, 400, errBody("bad_request", "request contains syntax errors, should not be repeated without modification"))
	r = f.env.Raw(t, "GET", base+"&usage[hits]=%zz", "", nil)
	status(t, r, 400, errBody("bad_request", "Invalid query parameters: invalid %-encoding"))
}

// 6.1 §12: invalid UTF-8 anywhere.
func TestSMAuthorizeInvalidUTF8(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	pk, sid, app := f.tn.ProviderKey, testenv.S(f.svc), f.app.AppID
	for _, q := range []string{
		"provider_key=%E3" + pk + "&service_id=" + sid + "&app_id=" + app,
		"provider_key=" + pk + "&service_id=" + sid + "&app_id=%FF" + app,
		"provider_key=" + pk + "&service_id=" + sid + "&app_id=" + app + "&app_key=%C0%AF",
		"provider_key=" + pk + "&service_id=" + sid + "&app_id=" + app + "&usage[%FFhits]=1",
	} {
		r := f.env.Raw(t, "GET", "/transactions/authorize.xml?"+q, "", nil)
		exactly(t, r, 422, errBody("not_valid_data", "all data must be valid UTF8"))
	}
}

// 6.1 §13: service tokens.
func TestSMAuthorizeServiceToken(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	token := f.serviceToken()
	sid := testenv.S(f.svc)
	status(t, f.authorize(url.Values{"service_token": {token}, "service_id": {sid}, "app_id": {f.app.AppID}}), 200)
	status(t, f.authorize(url.Values{"service_token": {token}, "app_id": {f.app.AppID}}), 422,
		errBody("service_id_missing", "Service ID is missing"))
	status(t, f.authorize(url.Values{"service_id": {sid}, "app_id": {f.app.AppID}}), 403,
		errBody("provider_key_or_service_token_required", "Provider key or service token are required"))
	status(t, f.authorize(url.Values{"service_token": {"a_token"}, "service_id": {"id_non_existing_service"}, "app_id": {f.app.AppID}}), 403,
		errBody("service_token_invalid", `service token "a_token" or service id "id_non_existing_service" is invalid`))
	// A token of one service does not open another.
	other := newSM(t, smOpts{})
	status(t, f.authorize(url.Values{"service_token": {token}, "service_id": {testenv.S(other.svc)}, "app_id": {f.app.AppID}}), 403, "service_token_invalid")
	// provider_key wins over a valid token pair.
	status(t, f.authorize(url.Values{"provider_key": {"unknown"}, "service_token": {token}, "service_id": {sid}, "app_id": {f.app.AppID}}), 403,
		errBody("provider_key_invalid", `provider key "unknown" is invalid`))
}

// 6.1 §14: predicted usage is checked, never counted.
func TestSMAuthorizePredictedUsage(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 4)
	f.use("hits", 3)
	status(t, f.authorize(f.q("usage[hits]", "2")), 409, "<current_value>3</current_value>")
	status(t, f.authorize(f.q("usage[hits]", "1")), 200, "<current_value>3</current_value>")
	status(t, f.authorize(f.q()), 200, "<current_value>3</current_value>")
}

// 6.1 §15-16: only the metrics of the usage (and their parents) are checked.
func TestSMAuthorizeOnlyUsageMetrics(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("hacks", "")
	f.metric("queries", "hits")
	f.limit("hits", "day", 10)
	f.limit("hacks", "day", 10)
	f.use("hits", 2)
	f.use("hacks", 5)
	f.setLimit("hacks", "day", 4)
	status(t, f.authorize(f.q("usage[hits]", "1")), 200)
	status(t, f.authorize(f.q()), 409, `<usage_report metric="hacks" period="day" exceeded="true">`)
	f.use("hits", 3) // 5 of 10
	f.setLimit("hits", "day", 4)
	status(t, f.authorize(f.q("usage[queries]", "1")), 409, "usage limits are exceeded")
}

// 6.1 §17: application keys.
func TestSMAuthorizeAppKeys(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	status(t, f.authorize(f.q()), 200)
	status(t, f.authorize(f.q("app_key", "whatever")), 200)
	f.addKeys(f.app, "foo-key", "key2-foo", "key3-foo")
	r := f.call("authorize", f.q(), "rejection_reason_header=1")
	status(t, r, 409, "<reason>application key is missing</reason>")
	if r.Header.Get("3scale-rejection-reason") != "application_key_invalid" {
		t.Fatalf("header %v", r.Header)
	}
	status(t, f.authorize(f.q("app_key", "bar")), 409, `<reason>application key "bar" is invalid</reason>`)
	status(t, f.authorize(f.q("app_key", "")), 409, "<reason>application key is missing</reason>")
	for _, k := range []string{"foo-key", "key2-foo", "key3-foo"} {
		status(t, f.authorize(f.q("app_key", k)), 200)
	}
}

// 6.1 §18: user_key services (backend version 1).
func TestSMAuthorizeUserKey(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{backendVersion: "1"})
	base := url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}}
	with := func(kv ...string) url.Values {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		return q
	}
	status(t, f.authorize(with("user_key", f.app.UserKey)), 200)
	status(t, f.authorize(with("user_key", "biteme")), 403, errBody("user_key_invalid", `user key "biteme" is invalid`))
	status(t, f.authorize(with("app_id", f.app.AppID)), 403, errBody("user_key_invalid", "user key is missing"))
	status(t, f.authorize(with("app_id", f.app.AppID, "user_key", f.app.UserKey)), 403,
		errBody("authentication_error", "either app_id or user_key is allowed, not both"))
	// On an app_id service, a user_key alone names no application.
	g := newSM(t, smOpts{})
	status(t, g.authorize(url.Values{"provider_key": {g.tn.ProviderKey}, "service_id": {testenv.S(g.svc)}, "user_key": {g.app.UserKey}}), 404,
		errBody("application_not_found", "application id is missing"))
}

// 6.1 §19: referrer filters.
func TestSMAuthorizeReferrer(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{referrers: true})
	f.referrerFilters(f.app, "example.org", "*.bar.example.org")
	status(t, f.authorize(f.q("referrer", "example.org")), 200)
	status(t, f.authorize(f.q("referrer", "foo.bar.example.org")), 200)
	status(t, f.authorize(f.q("referrer", "*")), 200)
	r := f.call("authorize", f.q(), "rejection_reason_header=1")
	status(t, r, 409, "<reason>referrer is missing</reason>")
	if r.Header.Get("3scale-rejection-reason") != "referrer_not_allowed" {
		t.Fatalf("header %v", r.Header)
	}
	status(t, f.authorize(f.q("referrer", "bar.example.org")), 409, `<reason>referrer "bar.example.org" is not allowed</reason>`)
	status(t, f.authorize(f.q("referrer", "example.org.evil.com")), 409, "is not allowed")
	g := newSM(t, smOpts{})
	g.referrerFilters(g.app, "example.org")
	status(t, g.authorize(g.q("referrer", "other.org")), 200)
}

// 6.1 §20-21: unknown metrics and bad values.
func TestSMAuthorizeBadUsage(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	r := f.authorize(f.q("usage[non_existing]", "1"))
	exactly(t, r, 404, errBody("metric_invalid", `metric "non_existing" is invalid`))
	r = f.call("authorize", f.q("usage[non_existing]", "1"), "no_body=1")
	if r.Status != 404 || len(r.Body) != 0 {
		t.Fatalf("no_body: %d %q", r.Status, r.Body)
	}
	status(t, f.authorize(f.q("usage[hits]", "##55")), 403, errBody("usage_value_invalid", `usage value "##55" for metric "hits" is invalid`))
	status(t, f.authorize(f.q("usage[hits]", "-1")), 403, errBody("usage_value_invalid", `usage value "-1" for metric "hits" is invalid`))
	status(t, f.authorize(f.q("usage[hits]", "")), 403, errBody("usage_value_invalid", `usage value for metric "hits" can not be empty`))
	// An earlier denial hides the bad metric.
	f.addKeys(f.app, "secret")
	status(t, f.authorize(f.q("usage[non_existing]", "1")), 409, "application key is missing")
}

// 6.1 §2 with reported usage: yesterday's counts in the month, not in the day.
func TestSMAuthorizeReportedYesterday(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	f.limit("hits", "month", 10000)
	now := time.Now().UTC()
	// The latest second of yesterday, unless it is too old to report (then an hour that is still today).
	y := now.Truncate(24 * time.Hour).Add(-time.Second)
	if now.Sub(y) > 23*time.Hour {
		y = now.Add(-23 * time.Hour)
	}
	day, month := 2, 2
	if y.Day() == now.Day() {
		day += 3
	}
	if y.Month() == now.Month() {
		month += 3
	}
	status(t, f.report(f.creds()+
		"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=3&transactions[0][timestamp]="+url.QueryEscape(y.Format("2006-01-02 15:04:05 -0700"))+
		"&transactions[1][app_id]="+f.app.AppID+"&transactions[1][usage][hits]=2"), 202)
	r := f.await(`<usage_report metric="hits" period="month">` + period("month", now) + `<max_value>10000</max_value><current_value>` + strconv.Itoa(month) + `</current_value>`)
	status(t, r, 200, `<usage_report metric="hits" period="day">`+period("day", now)+`<max_value>100</max_value><current_value>`+strconv.Itoa(day)+`</current_value>`)
}
