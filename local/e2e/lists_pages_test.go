package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

// Every list takes any page number: a page far past the end is an empty
// page, never an overflow in the page arithmetic.
func TestListsTakeAnyPage(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	vars := map[string]string{
		"service_id": testenv.S(f.svc), "plan_id": testenv.S(f.plan), "metric_id": testenv.S(f.metrics["hits"]),
		"account_id": testenv.S(f.app.Account), "application_id": testenv.S(f.app.ID), "id": testenv.S(f.app.ID),
		"environment": "production",
	}
	lists := 0
	for _, op := range ops.All() {
		if op.Method != "GET" || !strings.HasPrefix(op.Name, "list-") {
			continue
		}
		path := op.Path
		for k, v := range vars {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		if strings.Contains(path, "{") {
			t.Fatalf("%s: no value for a variable of %s", op.Name, op.Path)
		}
		if !strings.HasSuffix(path, ".json") {
			path += ".json"
		}
		lists++
		for _, page := range []string{"9223372036854775807", "9223372036854775808", "4611686018427387904", "-9223372036854775808"} {
			r := f.tn.Do(t, "GET", path, url.Values{"page": {page}, "per_page": {"500"}})
			if r.Status >= 500 {
				t.Errorf("%s page=%s: %d %s", path, page, r.Status, r.Body)
			}
		}
	}
	if lists < 20 {
		t.Fatalf("only %d lists found in the registry", lists)
	}
	// The integration errors list answers an empty page.
	r := f.tn.Do(t, "GET", "/admin/api/services/"+testenv.S(f.svc)+"/errors.json",
		url.Values{"page": {"9223372036854775807"}, "per_page": {"500"}})
	status(t, r, 200, `"errors":[]`)
}

// The /stats routes need the stats scope, as in 3scale; account_management alone does not open them.
func TestStatsScope(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	token := func(scope string) string {
		r := f.tn.Do(t, "POST", "/admin/api/personal/access_tokens.json", url.Values{"token[name]": {scope},
			"token[permission]": {"ro"}, "token[scopes][]": {scope}})
		status(t, r, 201)
		return text(t, obj(t, r, "access_token"), "value")
	}
	stats, am := token("stats"), token("account_management")
	q := url.Values{"metric_name": {"hits"}}
	for _, path := range []string{"/stats/applications/" + testenv.S(f.app.ID) + "/usage.json", "/stats/services/" + testenv.S(f.svc) + "/usage.json"} {
		q.Set("access_token", stats)
		status(t, f.env.Do(t, "GET", path, q), 200, `"total":0`)
		q.Set("access_token", am)
		status(t, f.env.Do(t, "GET", path, q), 403)
	}
	// And a stats token opens nothing of the Account Management API.
	status(t, f.env.Do(t, "GET", "/admin/api/services.json", url.Values{"access_token": {stats}}), 403)
}
