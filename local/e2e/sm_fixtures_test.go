package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"turnpike/shared/admin/audience"
	"turnpike/shared/admin/catalog"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/store"
)

// sm is a Service Management API fixture (3scale's fixture F): a tenant, a
// service whose hits metric is limited as asked, a plan "Basic" and a live
// application. Entities the catalog and audience APIs own are shaped through
// the store in one store.Tx each, exactly as their admin operations commit
// them (bumping the tenant's configuration version).
type sm struct {
	t       *testing.T
	env     *testenv.Env
	tn      *testenv.Tenant
	svc     int64
	plan    int64
	app     *audience.Application
	metrics map[string]int64
}

type smOpts struct {
	backendVersion string // "" = 2 (app_id/app_key)
	referrers      bool   // service requires referrer filters
	appKey         string
	redirectURL    string
}

func newSM(t *testing.T, o smOpts) *sm {
	t.Helper()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	if o.backendVersion == "" {
		o.backendVersion = "2"
	}
	form := url.Values{"name": {testenv.Unique("svc")}, "backend_version": {o.backendVersion}}
	if o.referrers {
		form.Set("referrer_filters_required", "true")
	}
	svc := testenv.ID(tn.Create(t, "/admin/api/services.json", "service", form))
	f := &sm{t: t, env: env, tn: tn, svc: svc, metrics: map[string]int64{"hits": tn.MetricID(t, svc, "hits")}}
	f.plan = testenv.ID(tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"Basic"}}))
	f.app = f.newApp(o)
	return f
}

// newApp creates another live application on the fixture's plan.
func (f *sm) newApp(o smOpts) *audience.Application {
	f.t.Helper()
	dev := testenv.Unique("dev")
	acc := f.tn.Create(f.t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	form := url.Values{"plan_id": {testenv.S(f.plan)}, "name": {"app"}}
	if o.appKey != "" {
		form.Set("application_key", o.appKey)
	}
	if o.redirectURL != "" {
		form.Set("redirect_url", o.redirectURL)
	}
	a := f.tn.Create(f.t, "/admin/api/accounts/"+testenv.S(testenv.ID(acc))+"/applications.json", "application", form)
	app, err := audience.LoadApplication(context.Background(), f.env.Server.Deps.Store, f.tn.ID, testenv.ID(a))
	if err != nil {
		f.t.Fatal(err)
	}
	return app
}

// limit adds a usage limit on a metric of the fixture's plan.
func (f *sm) limit(metric, period string, value int64) {
	f.t.Helper()
	f.tn.Create(f.t, "/admin/api/application_plans/"+testenv.S(f.plan)+"/metrics/"+testenv.S(f.metrics[metric])+"/limits.json",
		"limit", url.Values{"period": {period}, "value": {strconv.FormatInt(value, 10)}})
}

// metric adds a metric (parent "" ) or a method of parent.
func (f *sm) metric(name, parent string) {
	f.t.Helper()
	s := f.env.Server.Deps.Store
	ids, err := s.NextIDs(context.Background(), 1)
	if err != nil {
		f.t.Fatal(err)
	}
	m := &catalog.Metric{Key: catalog.MetricKey(f.tn.ID, f.svc, ids[0]), ID: ids[0], Service: f.svc, SystemName: name,
		FriendlyName: name, Unit: "hit", Parent: f.metrics[parent], CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := s.Tx(f.tn.ID).Create(m, nil).Commit(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	f.metrics[name] = m.ID
}

// update changes attributes of one of the tenant's items, as an admin write does.
func (f *sm) update(k store.Key, c *store.Change) {
	f.t.Helper()
	err := f.env.Server.Deps.Store.Tx(f.tn.ID).Update(k, c, nil).Commit(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *sm) appState(app *audience.Application, state string) {
	f.update(app.Key, store.NewChange().Set("state", state))
}

func (f *sm) serviceState(state string) {
	f.update(catalog.ServiceKey(f.tn.ID, f.svc), store.NewChange().Set("state", state))
}

func (f *sm) appKeys(app *audience.Application, keys ...string) {
	f.update(app.Key, store.NewChange().Set("keys", keys))
	app.Keys = keys
}

func (f *sm) referrerFilters(app *audience.Application, filters ...string) {
	f.update(app.Key, store.NewChange().Set("referrer_filters", filters))
}

// tenantState changes the tenant's state the way the Master API does (the
// state is read on every call, no version bump is needed for it).
func (f *sm) tenantState(state string) {
	f.t.Helper()
	err := f.env.Server.Deps.Store.Tx(0).Update(tenant.Key(f.tn.ID), store.NewChange().Set("state", state), nil).Commit(context.Background())
	if err != nil {
		f.t.Fatal(err)
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

// status asserts an HTTP status and that the body contains every want.
func status(t *testing.T, r *testenv.Response, code int, want ...string) {
	t.Helper()
	if r.Status != code {
		t.Fatalf("status %d, want %d: %s", r.Status, code, r.Body)
	}
	for _, w := range want {
		if !strings.Contains(r.String(), w) {
			t.Fatalf("body lacks %s:\n%s", w, r.Body)
		}
	}
}

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

// setLimit changes the value of a limit of the fixture's plan (as a limit update does).
func (f *sm) setLimit(metric, period string, value int64) {
	f.t.Helper()
	ls, err := catalog.Limits(context.Background(), f.env.Server.Deps.Store, f.tn.ID, f.plan)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, l := range ls {
		if l.Metric == f.metrics[metric] && l.Period == period {
			f.update(l.Key, store.NewChange().Set("value", value))
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
	tokens := f.tn.Do(f.t, "GET", "/admin/api/services/"+testenv.S(f.svc)+"/service_tokens.json", nil).JSON(f.t)
	return tokens["service_tokens"].([]any)[0].(map[string]any)["service_token"].(map[string]any)["value"].(string)
}
