package ops

import (
	"net/http"
	"sort"

	"turnpike/shared/gateway"
	"turnpike/shared/platform/deps"
)

// Gateway is a function that takes every request of its own HTTP API (the
// catch-all $default route): an API gateway in front of a provider's API, whose
// paths are the provider's, not Turnpike's.
type Gateway struct {
	Name  string // function name (the FUNCTION variable of the shared binary)
	Build func(*deps.Deps) http.Handler
}

// gateways lists every gateway function; each gets its own HTTP API.
var gateways = []Gateway{
	{"gateway", gateway.Handler},
}

// Gateways lists every gateway function, sorted by name.
func Gateways() []Gateway {
	out := append([]Gateway(nil), gateways...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindGateway returns a gateway function by name.
func FindGateway(name string) (Gateway, bool) {
	for _, g := range gateways {
		if g.Name == name {
			return g, true
		}
	}
	return Gateway{}, false
}
