// Package lambdafn is the Lambda entry path every operation runs through: API
// Gateway HTTP API (payload 2.0) event → net/http handler → response, via
// aws-lambda-go-api-proxy. The local runner and the tests use the same path.
package lambdafn

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/aws/aws-lambda-go/events"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"

	"turnpike/shared/platform/deps"
	"turnpike/shared/transport/ops"
)

// Func is what the Lambda runtime invokes.
type Func func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Proxy adapts a handler to API Gateway events.
func Proxy(h http.Handler) Func {
	a := httpadapter.NewV2(h)
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		// The adapter cannot build a request from a path with broken escapes and
		// would answer 504; such a request is the caller's error.
		if _, err := url.ParseRequestURI(rawPath(ev)); err != nil {
			return events.APIGatewayV2HTTPResponse{StatusCode: http.StatusBadRequest,
				Headers: map[string]string{"Content-Type": "text/plain; charset=utf-8"}, Body: "invalid request path"}, nil
		}
		return a.ProxyWithContext(ctx, ev)
	}
}

func rawPath(ev events.APIGatewayV2HTTPRequest) string {
	if ev.RawPath != "" {
		return ev.RawPath
	}
	return ev.RequestContext.HTTP.Path
}

// Handler is the Lambda function of a named operation.
func Handler(d *deps.Deps, name string) (Func, error) {
	op, ok := ops.Find(name)
	if !ok {
		return nil, fmt.Errorf("lambdafn: no operation %q", name)
	}
	return Proxy(op.Handler(d)), nil
}
