package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The one set of response helpers every black-box test uses. Each fails the
// test with the request and the body on an unexpected status or shape; none
// panics on a type assertion.

type jmap = map[string]any

// status fails unless the response has the status code and its body contains every want.
func status(t testing.TB, r *testenv.Response, code int, want ...string) {
	t.Helper()
	if r.Status != code {
		t.Fatalf("%s: status %d, want %d: %s", r.Request, r.Status, code, r.Body)
	}
	for _, w := range want {
		if !strings.Contains(r.String(), w) {
			t.Fatalf("%s: body lacks %s:\n%s", r.Request, w, r.Body)
		}
	}
}

// obj digs a wrapped object out of a JSON body: obj(t, r, "account") reads
// {"account":{...}}; more keys go deeper ({"signup":{"account":{...}}}).
func obj(t testing.TB, r *testenv.Response, keys ...string) jmap {
	t.Helper()
	m := r.JSON(t)
	for _, k := range keys {
		next, ok := m[k].(jmap)
		if !ok {
			t.Fatalf("%s: no object %q in %s", r.Request, k, r.Body)
		}
		m = next
	}
	return m
}

// items unwraps a JSON collection {"<name>":[{"<item>":{...}}, ...]}.
func items(t testing.TB, r *testenv.Response, name, item string) []jmap {
	t.Helper()
	raw, ok := r.JSON(t)[name].([]any)
	if !ok {
		t.Fatalf("%s: no %q list in %s", r.Request, name, r.Body)
	}
	out := make([]jmap, len(raw))
	for i, it := range raw {
		w, _ := it.(jmap)
		o, ok := w[item].(jmap)
		if !ok {
			t.Fatalf("%s: item %d of %q is not wrapped in %q: %s", r.Request, i, name, item, r.Body)
		}
		out[i] = o
	}
	return out
}

// ids lists the ids of objects.
func ids(t testing.TB, objs []jmap) []int64 {
	t.Helper()
	out := make([]int64, len(objs))
	for i, o := range objs {
		out[i] = num(t, o, "id")
	}
	return out
}

// num reads a JSON number field as int64.
func num(t testing.TB, o jmap, k string) int64 {
	t.Helper()
	f, ok := o[k].(float64)
	if !ok {
		t.Fatalf("%q is not a number in %s", k, show(o))
	}
	return int64(f)
}

// text reads a JSON string field.
func text(t testing.TB, o jmap, k string) string {
	t.Helper()
	s, ok := o[k].(string)
	if !ok {
		t.Fatalf("%q is not a string in %s", k, show(o))
	}
	return s
}

// show renders decoded JSON for a failure message.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// fieldErrors reads a {"errors":{field:[msg, ...]}} body.
func fieldErrors(t testing.TB, r *testenv.Response) map[string][]string {
	t.Helper()
	var body struct {
		Errors map[string][]string `json:"errors"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil || body.Errors == nil {
		t.Fatalf("%s: not an errors document (%v): %s", r.Request, err, r.Body)
	}
	return body.Errors
}

// fieldError expects the status and errors on field; each msg must be one of them.
func fieldError(t testing.TB, r *testenv.Response, code int, field string, msgs ...string) {
	t.Helper()
	status(t, r, code)
	got, ok := fieldErrors(t, r)[field]
	if !ok {
		t.Fatalf("%s: want errors.%s in %s", r.Request, field, r.Body)
	}
	for _, m := range msgs {
		if !slices.Contains(got, m) {
			t.Fatalf("%s: want %s %q in %s", r.Request, field, m, r.Body)
		}
	}
}

// send sends a request as the tenant and fails unless the status is want.
func send(t testing.TB, tn *testenv.Tenant, want int, method, path string, form url.Values) *testenv.Response {
	t.Helper()
	r := tn.Do(t, method, path, form)
	status(t, r, want)
	return r
}

// firstError is the first error message on field.
func firstError(t testing.TB, r *testenv.Response, field string) string {
	t.Helper()
	msgs := fieldErrors(t, r)[field]
	if len(msgs) == 0 {
		t.Fatalf("%s: no errors.%s in %s", r.Request, field, r.Body)
	}
	return msgs[0]
}

// inner reads a nested object field of decoded JSON.
func inner(t testing.TB, o jmap, k string) jmap {
	t.Helper()
	m, ok := o[k].(jmap)
	if !ok {
		t.Fatalf("%q is not an object in %s", k, show(o))
	}
	return m
}

// array reads a JSON list field of decoded JSON.
func array(t testing.TB, o jmap, k string) []any {
	t.Helper()
	a, ok := o[k].([]any)
	if !ok {
		t.Fatalf("%q is not a list in %s", k, show(o))
	}
	return a
}

// links reads the "links" list of an object: [{"rel":...,"href":...}, ...].
func links(t testing.TB, o jmap) []jmap {
	t.Helper()
	raw, ok := o["links"].([]any)
	if !ok {
		t.Fatalf("no links in %s", show(o))
	}
	out := make([]jmap, len(raw))
	for i, l := range raw {
		if out[i], ok = l.(jmap); !ok {
			t.Fatalf("link %d is not an object in %s", i, show(o))
		}
	}
	return out
}

// serviceToken is the first service token of a service.
func serviceToken(t testing.TB, tn *testenv.Tenant, svc int64) string {
	t.Helper()
	tokens := items(t, send(t, tn, 200, "GET", "/admin/api/services/"+testenv.S(svc)+"/service_tokens.json", nil), "service_tokens", "service_token")
	if len(tokens) == 0 {
		t.Fatalf("service %d has no service token", svc)
	}
	return text(t, tokens[0], "value")
}

// exactly fails unless the response has the status code and exactly the body want.
func exactly(t testing.TB, r *testenv.Response, code int, want string) {
	t.Helper()
	status(t, r, code)
	if r.String() != want {
		t.Fatalf("%s: body:\n%s\nwant:\n%s", r.Request, r.Body, want)
	}
}
