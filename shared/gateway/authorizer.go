package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/platform/deps"
)

// Authorizer is the authorizer function's handler, configured from the environment.
func Authorizer(d *deps.Deps) func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	return New(d, OptionsFromEnv()).Authorize
}

// Authorize is an API Gateway HTTP API Lambda REQUEST authorizer (payload
// 2.0, simple responses) applying the same product, credentials, mapping rules
// and exact authrep as the gateway, for an API already served by API Gateway:
// no proxy hop. The product is the one whose public base URL is on the
// request's domain. API Gateway answers a refusal itself with 403
// {"message":"Forbidden"}: the proxy's configured answers, 404 for no mapping
// rule, 429 and Retry-After cannot be given. Result caching must be off (a
// cached authorization would skip counting).
func (g *Gateway) Authorize(ctx context.Context, ev events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	deny := events.APIGatewayV2CustomAuthorizerSimpleResponse{}
	r, err := authorizerRequest(ctx, ev)
	if err != nil {
		return deny, nil
	}
	p, head, err := g.find(ctx, requestHost(r.Host))
	if err != nil {
		slog.Error("gateway authorizer: config", "err", err)
		return deny, err // API Gateway answers 500: the decision could not be made
	}
	if p == nil {
		return deny, nil
	}
	d := p.decide(ctx, g.auth, head, r, nil) // authorizers do not see the body
	if d.answer != nil {
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{Context: map[string]any{
			"status": d.answer.Status, "reason": d.answer.Message, "retry_after": d.retryAfter}}, nil
	}
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true, Context: map[string]any{
		"service_id": strconv.FormatInt(p.doc.ID, 10), "usage": strings.TrimPrefix(usageQuery(d.usage), "&")}}, nil
}

// authorizerRequest rebuilds the request an authorizer event describes.
func authorizerRequest(ctx context.Context, ev events.APIGatewayV2CustomAuthorizerV2Request) (*http.Request, error) {
	path := ev.RawPath
	if path == "" {
		path = ev.RequestContext.HTTP.Path
	}
	target := path
	if ev.RawQueryString != "" {
		target += "?" + ev.RawQueryString
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, ev.RequestContext.HTTP.Method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	for k, v := range ev.Headers {
		r.Header.Set(k, v)
	}
	r.Host = ev.Headers["host"]
	if r.Host == "" {
		r.Host = ev.RequestContext.DomainName
	}
	r.RemoteAddr = ev.RequestContext.HTTP.SourceIP
	return r, nil
}
