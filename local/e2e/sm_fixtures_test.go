package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/counter"
)

// sm is a Service Management API fixture (3scale's fixture F): a tenant, a
// service whose hits metric is limited as asked, a plan "Basic" and a live
// application. Every entity is shaped through the admin API, as a provider
// would shape it.
type sm struct {
	t       *testing.T
	env     *testenv.Env
	tn      *testenv.Tenant
	svc     int64
	plan    int64
	app     *smApp
	metrics map[string]int64
}

// smApp is an application as the admin API shows it.
type smApp struct {
	ID, Account    int64
	AppID, UserKey string
}

type smOpts struct {
	backendVersion string // "" = 2 (app_id/app_key)
	referrers      bool   // service requires referrer filters
	appKey         string
	redirectURL    string
}

func newSM(t *testing.T, o smOpts) *sm {
	t.Helper()
	return newSMOn(t, testenv.Get(t), o)
}

// newSMOn builds the fixture on a given stack.
func newSMOn(t *testing.T, env *testenv.Env, o smOpts) *sm {
	t.Helper()
	tn := env.NewTenant(t)
	if o.backendVersion == "" {
		o.backendVersion = "2"
	}
	form := url.Values{"name": {testenv.Unique("svc")}, "backend_version": {o.backendVersion}}
	if o.referrers {
		form.Set("referrer_filters_required", "true")
	}
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", form))
	f := &sm{t: t, env: env, tn: tn, svc: svc, metrics: map[string]int64{"hits": tn.MetricID(t, svc, "hits")}}
	f.plan = testenv.ID(t, tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"Basic"}}))
	f.app = f.newApp(o)
	return f
}

// newApp creates another live application on the fixture's plan.
func (f *sm) newApp(o smOpts) *smApp {
	f.t.Helper()
	return f.appOn(f.plan, o)
}

// appOn signs a developer up and creates an application on plan.
func (f *sm) appOn(plan int64, o smOpts) *smApp {
	f.t.Helper()
	dev := testenv.Unique("dev")
	acc := f.tn.Create(f.t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	form := url.Values{"plan_id": {testenv.S(plan)}, "name": {"app"}}
	if o.appKey != "" {
		form.Set("application_key", o.appKey)
	}
	if o.redirectURL != "" {
		form.Set("redirect_url", o.redirectURL)
	}
	a := f.tn.Create(f.t, "/admin/api/accounts/"+testenv.S(testenv.ID(f.t, acc))+"/applications.json", "application", form)
	// The API shows the app_id on app_id services and the user_key on user_key
	// services only; the tests that prove the other one is refused read it
	// (and never write anything) from the store.
	stored, err := audience.LoadApplication(context.Background(), f.env.Server.Deps.Store, f.tn.ID, num(f.t, a, "id"))
	if err != nil {
		f.t.Fatal(err)
	}
	return &smApp{ID: stored.ID, Account: num(f.t, a, "account_id"), AppID: stored.AppID, UserKey: stored.UserKey}
}

// path is the application's admin path.
func (a *smApp) path() string {
	return "/admin/api/accounts/" + testenv.S(a.Account) + "/applications/" + testenv.S(a.ID)
}

// limit adds a usage limit on a metric of the fixture's plan.
func (f *sm) limit(metric, period string, value int64) {
	f.t.Helper()
	f.tn.Create(f.t, f.limitsPath(metric)+".json", "limit", url.Values{"period": {period}, "value": {strconv.FormatInt(value, 10)}})
}

func (f *sm) limitsPath(metric string) string {
	return "/admin/api/application_plans/" + testenv.S(f.plan) + "/metrics/" + testenv.S(f.metrics[metric]) + "/limits"
}

// metric adds a metric (parent "") or a method of hits (parent "hits", the
// only metric the API lets methods hang under).
func (f *sm) metric(name, parent string) {
	f.t.Helper()
	path, wrapper := "/admin/api/services/"+testenv.S(f.svc)+"/metrics.json", "metric"
	if parent != "" {
		if parent != "hits" {
			f.t.Fatalf("methods hang under hits only, not %q", parent)
		}
		path, wrapper = "/admin/api/services/"+testenv.S(f.svc)+"/metrics/"+testenv.S(f.metrics[parent])+"/methods.json", "method"
	}
	m := f.tn.Create(f.t, path, wrapper, url.Values{"system_name": {name}, "friendly_name": {name}, "unit": {"hit"}})
	f.metrics[name] = num(f.t, m, "id")
}

// suspend and resume change the application's state as the provider does.
func (f *sm) suspend(app *smApp) {
	f.t.Helper()
	send(f.t, f.tn, 200, "PUT", app.path()+"/suspend.json", nil)
}
func (f *sm) resume(app *smApp) {
	f.t.Helper()
	send(f.t, f.tn, 200, "PUT", app.path()+"/resume.json", nil)
}

// addKeys gives the application more application keys.
func (f *sm) addKeys(app *smApp, keys ...string) {
	f.t.Helper()
	for _, k := range keys {
		send(f.t, f.tn, 201, "POST", app.path()+"/keys.json", url.Values{"key": {k}})
	}
}

// referrerFilters adds referrer filters to the application.
func (f *sm) referrerFilters(app *smApp, filters ...string) {
	f.t.Helper()
	for _, v := range filters {
		send(f.t, f.tn, 201, "POST", app.path()+"/referrer_filters.json", url.Values{"referrer_filter": {v}})
	}
}

// q is the base query: provider key, service and the app's credential.
func (f *sm) q(extra ...string) url.Values {
	v := url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {f.app.AppID}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Add(extra[i], extra[i+1])
	}
	return v
}

// call sends GET /transactions/<endpoint>.xml with a query and optional 3scale-options.
func (f *sm) call(endpoint string, q url.Values, options string) *testenv.Response {
	f.t.Helper()
	req, err := http.NewRequest("GET", f.env.URL+"/transactions/"+endpoint+".xml?"+q.Encode(), nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if options != "" {
		req.Header.Set("3scale-options", options)
	}
	return f.env.Send(f.t, req)
}

func (f *sm) authorize(q url.Values) *testenv.Response { return f.call("authorize", q, "") }
func (f *sm) authrep(q url.Values) *testenv.Response   { return f.call("authrep", q, "") }

// xmlDoc is the XML declaration 3scale starts every body with.
const xmlDoc = `<?xml version="1.0" encoding="UTF-8"?>`

// errBody is 3scale's error document.
func errBody(code, msg string) string {
	return xmlDoc + `<error code="` + code + `">` + msg + `</error>`
}

// period renders a period's bounds as 3scale does, at now.
func period(p string, now time.Time) string {
	start := counter.Start(p, now)
	return "<period_start>" + start.Format("2006-01-02 15:04:05 -0700") + "</period_start><period_end>" +
		counter.End(p, start).Format("2006-01-02 15:04:05 -0700") + "</period_end>"
}

// setLimit changes the value of a limit of the fixture's plan.
func (f *sm) setLimit(metric, period string, value int64) {
	f.t.Helper()
	for _, l := range items(f.t, send(f.t, f.tn, 200, "GET", f.limitsPath(metric)+".json", nil), "limits", "limit") {
		if l["period"] == period {
			send(f.t, f.tn, 200, "PUT", f.limitsPath(metric)+"/"+testenv.S(num(f.t, l, "id"))+".json",
				url.Values{"value": {strconv.FormatInt(value, 10)}})
			return
		}
	}
	f.t.Fatalf("no %s limit on %s", period, metric)
}

// use counts n on a metric through authrep, which must authorize it.
func (f *sm) use(metric string, n int) {
	f.t.Helper()
	status(f.t, f.authrep(f.q("usage["+metric+"]", strconv.Itoa(n))), 200)
}

// serviceToken is the first service token of the fixture's service.
func (f *sm) serviceToken() string {
	f.t.Helper()
	return serviceToken(f.t, f.tn, f.svc)
}
