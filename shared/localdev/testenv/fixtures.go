package testenv

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
)

// Tenant is a provider created through the Master API.
type Tenant struct {
	e              *Env
	ID             int64
	Token          string // admin access token (rw, account_management)
	ProviderKey    string
	DefaultService int64
}

var seq atomic.Int64

// Unique returns a name unique in this test process.
func Unique(prefix string) string { return fmt.Sprintf("%s%d", prefix, seq.Add(1)) }

// NewTenant creates a tenant through POST /master/api/providers.json.
func (e *Env) NewTenant(t testing.TB) *Tenant {
	t.Helper()
	name := Unique("tenant")
	r := e.Do(t, "POST", "/master/api/providers.json", url.Values{
		"access_token": {MasterToken}, "org_name": {name}, "username": {"admin"},
		"email": {name + "@example.com"}, "password": {"a-long-enough-password"},
	})
	if r.Status != 201 {
		t.Fatalf("create tenant: %d %s", r.Status, r.Body)
	}
	signup := r.JSON(t)["signup"].(map[string]any)
	acc := signup["account"].(map[string]any)
	return &Tenant{
		e:              e,
		ID:             int64(acc["id"].(float64)),
		Token:          signup["access_token"].(map[string]any)["value"].(string),
		ProviderKey:    acc["provider_key"].(string),
		DefaultService: int64(acc["default_service_id"].(float64)),
	}
}

// Do sends an admin request authenticated with the tenant's token.
func (tn *Tenant) Do(t testing.TB, method, path string, form url.Values) *Response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("access_token", tn.Token)
	return tn.e.Do(t, method, path, form)
}

// Stats GETs a /stats route with the tenant's provider key: its signup
// token, as in 3scale, lacks the stats scope.
func (tn *Tenant) Stats(t testing.TB, path string, q url.Values) *Response {
	t.Helper()
	q2 := url.Values{"provider_key": {tn.ProviderKey}}
	for k, v := range q {
		q2[k] = v
	}
	return tn.e.Do(t, http.MethodGet, path, q2)
}

// Create POSTs and expects 201; it returns the object under wrapper.
func (tn *Tenant) Create(t testing.TB, path, wrapper string, form url.Values) map[string]any {
	t.Helper()
	r := tn.Do(t, "POST", path, form)
	if r.Status != 201 {
		t.Fatalf("POST %s: %d %s", path, r.Status, r.Body)
	}
	obj, ok := r.JSON(t)[wrapper].(map[string]any)
	if !ok {
		t.Fatalf("POST %s: no %q in %s", path, wrapper, r.Body)
	}
	return obj
}

// ID reads an object's numeric id; an object without one fails the test.
func ID(t testing.TB, obj map[string]any) int64 {
	t.Helper()
	n, ok := obj["id"].(float64)
	if !ok {
		t.Fatalf("no numeric id in %v", obj)
	}
	return int64(n)
}

// S formats an id for a path.
func S(id int64) string { return strconv.FormatInt(id, 10) }

// App is a live application with a user_key on a plan with limits.
type App struct {
	Service, Plan, Hits, Account, ID int64
	UserKey, AppID                   string
}

// NewApp creates a service, a plan with the given hits limits (period → value),
// a developer and an application on that plan.
func (tn *Tenant) NewApp(t testing.TB, limits map[string]int64) *App {
	t.Helper()
	svc := tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {Unique("svc")}})
	a := &App{Service: ID(t, svc)}
	a.Hits = tn.MetricID(t, a.Service, "hits")
	plan := tn.Create(t, "/admin/api/services/"+S(a.Service)+"/application_plans.json", "application_plan", url.Values{"name": {Unique("plan")}})
	a.Plan = ID(t, plan)
	for period, v := range limits {
		tn.Create(t, "/admin/api/application_plans/"+S(a.Plan)+"/metrics/"+S(a.Hits)+"/limits.json", "limit",
			url.Values{"period": {period}, "value": {strconv.FormatInt(v, 10)}})
	}
	dev := Unique("dev")
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	a.Account = ID(t, acc)
	app := tn.Create(t, "/admin/api/accounts/"+S(a.Account)+"/applications.json", "application",
		url.Values{"plan_id": {S(a.Plan)}, "name": {"app"}})
	uk, ok := app["user_key"].(string)
	if !ok {
		t.Fatalf("application without a user_key: %v", app)
	}
	a.ID, a.UserKey = ID(t, app), uk
	return a
}

// MetricID finds a metric of a service by system name, through the metrics API.
func (tn *Tenant) MetricID(t testing.TB, service int64, systemName string) int64 {
	t.Helper()
	r := tn.Do(t, "GET", "/admin/api/services/"+S(service)+"/metrics.json", nil)
	var body struct {
		Metrics []struct {
			Metric struct {
				ID         int64  `json:"id"`
				SystemName string `json:"system_name"`
			} `json:"metric"`
		} `json:"metrics"`
	}
	if r.Status != 200 {
		t.Fatalf("%s: status %d: %s", r.Request, r.Status, r.Body)
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("%s: %v: %s", r.Request, err, r.Body)
	}
	for _, m := range body.Metrics {
		if m.Metric.SystemName == systemName {
			return m.Metric.ID
		}
	}
	t.Fatalf("service %d has no metric %q", service, systemName)
	return 0
}
