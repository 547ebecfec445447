package dispatch

import (
	"testing"

	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// The router picks the most specific route, and an API Gateway route never
// matches a variable segment that is empty.
func TestMatch(t *testing.T) {
	rt := New(deps.New(&store.Store{}, ""))
	for _, c := range []struct{ method, path, route string }{
		{"GET", "/transactions/authrep.xml", "/transactions/authrep.xml"},
		{"GET", "/admin/api/services.json", "/admin/api/services.json"},
		{"GET", "/admin/api/services/12.json", "/admin/api/services/{service_id}"},
		{"GET", "/admin/api/accounts/find.json", "/admin/api/accounts/find.json"},
		{"GET", "/admin/api/accounts/3.json", "/admin/api/accounts/{account_id}"},
		{"POST", "/transactions/authrep.xml", ""},
		{"GET", "/admin/api/services//metrics.json", ""},
		{"GET", "/nowhere", ""},
	} {
		e, _ := rt.match(c.method, c.path)
		got := ""
		if e != nil {
			got = e.route
		}
		if got != c.route {
			t.Errorf("%s %s: route %q, want %q", c.method, c.path, got, c.route)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	rt := New(deps.New(&store.Store{}, ""))
	for b.Loop() {
		rt.match("GET", "/transactions/authrep.xml")
	}
}
