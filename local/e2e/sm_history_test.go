package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// awaitHistory polls a usage history series until it shows want.
func (f *sm) awaitHistory(path string, q url.Values, want string) {
	f.t.Helper()
	var r *testenv.Response
	for i := 0; i < 200; i++ {
		r = f.stats(path, q)
		if r.Status == 200 && strings.Contains(r.String(), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.t.Fatalf("%s %v: never saw %s: %d %s", path, q, want, r.Status, r.Body)
}

// stats reads a /stats route with the tenant's provider key: the tenant's
// signup token, as in 3scale, lacks the stats scope.
func (f *sm) stats(path string, q url.Values) *testenv.Response {
	f.t.Helper()
	return f.tn.Stats(f.t, path, q)
}

// Usage history per application and per service, from reports and from what authrep counted.
func TestSMUsageHistory(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("search", "hits")
	other := f.newApp(smOpts{})
	status(t, f.report(f.creds()+
		"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=2&transactions[0][log][code]=200"+
		"&transactions[1][app_id]="+f.app.AppID+"&transactions[1][usage][search]=3&transactions[1][log][code]=201"), 202)
	status(t, f.authrep(url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {other.AppID},
		"usage[search]": {"1"}, "log[code]": {"404"}}), 200)
	status(t, f.authrep(url.Values{"provider_key": {f.tn.ProviderKey}, "service_id": {testenv.S(f.svc)}, "app_id": {other.AppID},
		"log[code]": {"500"}}), 200) // log-only: counts nothing
	app := "/stats/applications/" + testenv.S(f.app.ID) + "/usage.json"
	app2 := "/stats/applications/" + testenv.S(other.ID) + "/usage.json"
	svc := "/stats/services/" + testenv.S(f.svc) + "/usage.json"
	for _, g := range []string{"hour", "day", "week", "month", "year", "eternity"} {
		f.awaitHistory(app, url.Values{"metric_name": {"hits"}, "granularity": {g}}, `"total":5,"values":[5]`)
		f.awaitHistory(app, url.Values{"metric_name": {"search"}, "granularity": {g}}, `"total":3,"values":[3]`)
		f.awaitHistory(app2, url.Values{"metric_name": {"hits"}, "granularity": {g}}, `"total":1,"values":[1]`)
		f.awaitHistory(svc, url.Values{"metric_name": {"hits"}, "granularity": {g}}, `"total":6,"values":[6]`)
		f.awaitHistory(svc, url.Values{"metric_name": {"search"}, "granularity": {g}}, `"total":4,"values":[4]`)
	}
	f.awaitHistory(svc, url.Values{"response_code": {"2XX"}}, `"total":2`)
	f.awaitHistory(svc, url.Values{"response_code": {"200"}}, `"total":1`)
	f.awaitHistory(svc, url.Values{"response_code": {"4XX"}}, `"total":1`)
	f.awaitHistory(svc, url.Values{"response_code": {"5XX"}}, `"total":0`)
	// A day of hours: 24 values, the current hour holding the usage.
	since := time.Now().UTC().Truncate(24 * time.Hour)
	r := f.stats(app, url.Values{"metric_name": {"hits"}, "granularity": {"hour"}, "since": {since.Format("2006-01-02")},
		"until": {since.Add(23 * time.Hour).Format("2006-01-02 15:04:05")}})
	status(t, r, 200, `"total":5`)
	if vals, ok := obj(t, r, "usage")["values"].([]any); !ok || len(vals) != 24 {
		t.Fatalf("24 hours: %s", r.Body)
	}
	status(t, f.stats(app, url.Values{"metric_name": {"nope"}}), 404)
	status(t, f.stats(app, url.Values{"metric_name": {"hits"}, "granularity": {"minute"}}), 422)
	status(t, f.stats(app, url.Values{"metric_name": {"hits"}, "since": {"garbage"}}), 422)
	status(t, f.stats("/stats/applications/999999999/usage.json", url.Values{"metric_name": {"hits"}}), 404)
}
