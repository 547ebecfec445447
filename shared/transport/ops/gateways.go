package ops

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

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

// AuthorizerFunc is an API Gateway HTTP API REQUEST authorizer (payload 2.0, simple responses).
type AuthorizerFunc func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error)

// Authorizer is a function a provider attaches to an API of their own on API
// Gateway: it has no route; the template exports its ARN.
type Authorizer struct {
	Name  string
	Build func(*deps.Deps) AuthorizerFunc
}

var authorizers = []Authorizer{
	{"gateway-authorizer", func(d *deps.Deps) AuthorizerFunc { return gateway.New(d, gateway.OptionsFromEnv()).Authorize }},
}

// Authorizers lists the authorizer functions.
func Authorizers() []Authorizer { return append([]Authorizer(nil), authorizers...) }

// FindAuthorizer returns an authorizer function by name.
func FindAuthorizer(name string) (Authorizer, bool) {
	for _, a := range authorizers {
		if a.Name == name {
			return a, true
		}
	}
	return Authorizer{}, false
}
