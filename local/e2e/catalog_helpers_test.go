package e2e

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// Helpers shared by the catalog tests.

// expectNotFound checks 3scale's 404 in the request's format.
func expectNotFound(t testing.TB, r *testenv.Response, path string) {
	t.Helper()
	status(t, r, 404)
	if strings.Contains(path, ".json") {
		if string(r.Body) != `{"status":"Not found"}` {
			t.Fatalf("404 body: %s", r.Body)
		}
	} else if len(r.Body) != 0 {
		t.Fatalf("XML 404 must be empty: %s", r.Body)
	}
}

// expectDeleted checks 200 with an empty body.
func expectDeleted(t testing.TB, r *testenv.Response, what string) {
	t.Helper()
	status(t, r, 200)
	if len(r.Body) != 0 {
		t.Fatalf("%s: delete must answer an empty body: %s", what, r.Body)
	}
}

// node is a parsed XML element.
type node struct {
	Name  string
	Attrs map[string]string
	Text  string
	Kids  []*node
}

// parseXML parses an XML document into a tree.
func parseXML(t testing.TB, body []byte) *node {
	t.Helper()
	if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Fatalf("no XML declaration: %s", body)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("bad XML (%v): %s", err, body)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &node{Name: x.Name.Local, Attrs: map[string]string{}}
			for _, a := range x.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(x)
			}
		}
	}
	if root == nil {
		t.Fatalf("empty XML: %s", body)
	}
	return root
}

// xmlRoot parses a response as XML and checks its root element.
func xmlRoot(t testing.TB, r *testenv.Response, root string) *node {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/xml") {
		t.Fatalf("Content-Type %q for XML: %s", ct, r.Body)
	}
	n := parseXML(t, r.Body)
	if n.Name != root {
		t.Fatalf("root <%s>, want <%s>: %s", n.Name, root, r.Body)
	}
	return n
}

func (n *node) child(name string) *node {
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
	}
	return nil
}

func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
		}
	}
	return out
}

// text is the text of a child element ("" when absent).
func (n *node) text(name string) string {
	if c := n.child(name); c != nil {
		return c.Text
	}
	return ""
}

// names lists the child element names in order.
func (n *node) names() []string {
	out := make([]string, len(n.Kids))
	for i, k := range n.Kids {
		out[i] = k.Name
	}
	return out
}

// readOnlyToken gives the tenant a read-only access token for the Account
// Management API, through the access token API.
func readOnlyToken(t testing.TB, env *testenv.Env, tn *testenv.Tenant) string {
	t.Helper()
	return accToken(t, env, tn, "ro", "account_management")
}

// as sends a request with another access token.
func as(t testing.TB, env *testenv.Env, token, method, path string, form url.Values) *testenv.Response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("access_token", token)
	return env.Do(t, method, path, form)
}

// newService creates a service and returns its id.
func newService(t testing.TB, tn *testenv.Tenant, form url.Values) int64 {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("name") == "" {
		form.Set("name", testenv.Unique("svc"))
	}
	return testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", form))
}

// createIn POSTs, expects 201 and returns the one wrapped object, whatever its wrapper.
func createIn(t testing.TB, tn *testenv.Tenant, path string, form url.Values) jmap {
	t.Helper()
	r := tn.Do(t, "POST", path, form)
	status(t, r, 201)
	for _, v := range r.JSON(t) {
		if o, ok := v.(jmap); ok {
			return o
		}
	}
	t.Fatalf("no object in %s", r.Body)
	return nil
}

// sp is a path under a service.
func sp(svc int64, rest string) string { return "/admin/api/services/" + testenv.S(svc) + rest }

// catalogRulesQuery selects what the store indexes under a metric (limits, pricing rules).
func catalogRulesQuery(tenant, metric int64) store.Query {
	return store.Query{Index: store.GSI1, PK: catalog.RulesOfMetric(tenant, metric)}
}

// pricingPath is a plan's pricing rules on a metric.
func pricingPath(plan, metric int64) string {
	return "/admin/api/application_plans/" + testenv.S(plan) + "/metrics/" + testenv.S(metric) + "/pricing_rules"
}

// planOnHits starts a limit or pricing test: a new tenant, a service, its hits
// metric and an application plan named name.
func planOnHits(t testing.TB, name string) (tn *testenv.Tenant, svc, hits, plan int64) {
	t.Helper()
	tn = testenv.Get(t).NewTenant(t)
	svc = newService(t, tn, nil)
	hits = tn.MetricID(t, svc, "hits")
	plan = testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {name}}))
	return tn, svc, hits, plan
}
