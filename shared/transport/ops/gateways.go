package ops

import (
	"net/http"

	"turnpike/shared/gateway"
	"turnpike/shared/platform/deps"
)

// Gateway is a function serving API traffic rather than an operation: it
// gets its own HTTP API whose only route is the catch-all $default, and
// picks what to serve by the request's Host.
type Gateway struct {
	Name  string // function directory under functions/ and the template's function name
	Build func(*deps.Deps) http.Handler
}

var gateways = []Gateway{
	{"gateway", gateway.Handler},
}

// Gateways lists the gateway functions.
func Gateways() []Gateway { return append([]Gateway(nil), gateways...) }

// FindGateway returns a gateway function by name.
func FindGateway(name string) (Gateway, bool) {
	for _, g := range gateways {
		if g.Name == name {
			return g, true
		}
	}
	return Gateway{}, false
}
