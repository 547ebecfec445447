package e2e

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

// catalogPath tells the catalog's routes apart from the other areas'.
var catalogPath = regexp.MustCompile(`^/admin/api/(services|application_plans|account_plans|service_plans|features)([./]|$)`)

// Every catalog endpoint, in both formats: no credentials is 403 Access
// denied; a read-only token may read but not write.
func TestCatalogEndpointsAuth(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	ro := readOnlyToken(t, env, tn)
	vars := regexp.MustCompile(`\{[a-z_]+\}`)
	n := 0
	for _, op := range ops.All() {
		if !catalogPath.MatchString(op.Path) {
			continue
		}
		n++
		base := strings.TrimSuffix(vars.ReplaceAllString(op.Path, "999999999"), ".json")
		for _, ext := range []string{".json", ".xml"} {
			path := base + ext
			r := env.Do(t, op.Method, path, url.Values{})
			status(t, r, 403)
			if ext == ".json" && string(r.Body) != `{"error":"Access denied"}` {
				t.Errorf("%s %s: %s", op.Method, path, r.Body)
			}
			if ext == ".xml" && !strings.Contains(r.String(), "<error>Access denied</error>") {
				t.Errorf("%s %s: %s", op.Method, path, r.Body)
			}
			r = as(t, env, ro, op.Method, path, url.Values{"name": {"x"}})
			if op.Method == "GET" {
				if r.Status == 403 {
					t.Errorf("%s %s: a read-only token reads: %d %s", op.Method, path, r.Status, r.Body)
				}
				continue
			}
			status(t, r, 403)
			if ext == ".json" && string(r.Body) != `{"error":"Your access token does not have the correct permissions"}` {
				t.Errorf("%s %s: %s", op.Method, path, r.Body)
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d catalog operations found", n)
	}
}

// Parameters come from the query, a form body or a JSON body, flat or wrapped.
func TestCatalogParameterSources(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	base := sp(svc, "/application_plans.json")
	for i, body := range []string{`{"application_plan":{"name":"Json Wrapped","setup_fee":1.5,"approval_required":true}}`,
		`{"name":"Json Flat","trial_period_days":3}`} {
		r := jsonRequest(t, env, "POST", base, tn.Token, body)
		status(t, r, 201)
		p := obj(t, r, "application_plan")
		if (i == 0 && (p["setup_fee"] != 1.5 || p["approval_required"] != true)) || (i == 1 && p["trial_period_days"] != 3.0) {
			t.Fatalf("JSON body: %s", r.Body)
		}
	}
	// Query parameters on a POST.
	r := env.Do(t, "POST", base+"?access_token="+tn.Token+"&name=Query+Plan", nil)
	status(t, r, 201)
	plan := testenv.ID(t, obj(t, r, "application_plan"))
	// Limits from a JSON body.
	hits := tn.MetricID(t, svc, "hits")
	r = jsonRequest(t, env, "POST", limitsPath(plan, hits)+".json", tn.Token, `{"usage_limit":{"period":"week","value":9}}`)
	status(t, r, 201)
	if l := obj(t, r, "limit"); l["period"] != "week" || num(t, l, "value") != 9 {
		t.Fatalf("JSON limit %s", r.Body)
	}
	// A JSON body with the wrong type for a field.
	r = jsonRequest(t, env, "POST", base, tn.Token, `{"name":["a","b"]}`)
	fieldError(t, r, 422, "name", "is invalid")
	// Multipart bodies.
	r = env.Raw(t, "POST", base+"?access_token="+tn.Token, "multipart/form-data; boundary=XX",
		[]byte("--XX\r\nContent-Disposition: form-data; name=\"application_plan[name]\"\r\n\r\nMultipart Plan\r\n--XX--\r\n"))
	status(t, r, 201)
}
