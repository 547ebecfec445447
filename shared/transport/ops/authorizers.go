package ops

import (
	"context"
	"sort"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/gateway"
	"turnpike/shared/platform/deps"
)

// AuthorizerFunc is an API Gateway HTTP API Lambda REQUEST authorizer
// (payload format 2.0, simple responses).
type AuthorizerFunc func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error)

// Authorizer is a function a provider attaches, as a Lambda authorizer, to an
// HTTP API of their own: no route of Turnpike's invokes it.
type Authorizer struct {
	Name  string // function name (the FUNCTION variable of the shared binary)
	Build func(*deps.Deps) AuthorizerFunc
}

// authorizers lists every authorizer function; `make template` adds their
// functions, the permission for API Gateway to invoke them and their ARNs as outputs.
var authorizers = []Authorizer{
	{"gateway-authorizer", func(d *deps.Deps) AuthorizerFunc { return gateway.Authorizer(d) }},
}

// Authorizers lists every authorizer function, sorted by name.
func Authorizers() []Authorizer {
	out := append([]Authorizer(nil), authorizers...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindAuthorizer returns an authorizer function by name.
func FindAuthorizer(name string) (Authorizer, bool) {
	for _, a := range authorizers {
		if a.Name == name {
			return a, true
		}
	}
	return Authorizer{}, false
}
