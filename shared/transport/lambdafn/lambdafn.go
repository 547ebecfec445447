// Package lambdafn is the Lambda entry path every operation runs through: API
// Gateway HTTP API (payload 2.0) event → net/http handler → response, via
// aws-lambda-go-api-proxy. The local runner and the tests use the same path.
package lambdafn

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
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
		if g, isGateway := ops.FindGateway(name); isGateway {
			return Proxy(g.Build(d)), nil
		}
		return nil, fmt.Errorf("lambdafn: no operation %q", name)
	}
	return Proxy(op.Handler(d)), nil
}

// Start runs a named operation as a Lambda function: the whole main of a function.
func Start(name string) {
	d, err := deps.FromEnv(context.Background())
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	fn, err := Handler(d, name)
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(fn)
}

// StartConsumer runs a named queue consumer as a Lambda function.
func StartConsumer(name string) {
	d, err := deps.FromEnv(context.Background())
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	c, ok := ops.FindConsumer(name)
	if !ok {
		log.Fatalf("lambdafn: no consumer %q", name)
	}
	lambda.Start(c.Build(d))
}

// StartAuthorizer runs a named REQUEST authorizer as a Lambda function.
func StartAuthorizer(name string) {
	d, err := deps.FromEnv(context.Background())
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	a, ok := ops.FindAuthorizer(name)
	if !ok {
		log.Fatalf("lambdafn: no authorizer %q", name)
	}
	lambda.Start(a.Build(d))
}
