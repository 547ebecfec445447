package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"turnpike/shared/transport/lambdafn"
)

// The REQUEST authorizer decides with the same rules, credentials and exact
// limits as the gateway; a refusal is a plain "not authorized". It is invoked
// as Lambda invokes the registry's function: a payload 2.0 event in JSON, a
// simple response in JSON.
func TestGatewayAuthorizer(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	p.deleteRules(t)
	p.rule(t, "GET", "/v1/test", p.test)
	p.deploy(t)
	fn, err := lambdafn.Build(p.env.Server.Deps, "gateway-authorizer")
	if err != nil {
		t.Fatal(err)
	}
	h := lambda.NewHandler(fn)
	authorize := func(path, query string) events.APIGatewayV2CustomAuthorizerSimpleResponse {
		ev := events.APIGatewayV2CustomAuthorizerV2Request{Version: "2.0", Type: "REQUEST", RawPath: path, RawQueryString: query,
			Headers: map[string]string{"host": p.staging}, RouteKey: "$default"}
		ev.RequestContext.HTTP.Method = "GET"
		payload, _ := json.Marshal(ev)
		out, err := h.Invoke(context.Background(), payload)
		if err != nil {
			t.Fatal(err)
		}
		var res events.APIGatewayV2CustomAuthorizerSimpleResponse
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("not a simple response: %s", out)
		}
		return res
	}
	k := "user_key=" + url.QueryEscape(p.userKey)
	for i := 1; i <= 5; i++ {
		if res := authorize("/v1/test", k); !res.IsAuthorized || res.Context["usage"] != "usage%5Btest%5D=1" {
			t.Fatalf("call %d: %+v", i, res)
		}
	}
	if res := authorize("/v1/test", k); res.IsAuthorized || res.Context["status"] != float64(429) {
		t.Fatalf("sixth call: %+v", res)
	}
	for _, c := range [][2]string{{"/v1/test", ""}, {"/other", k}, {"/v1/test", "user_key=WRONG"}} {
		if res := authorize(c[0], c[1]); res.IsAuthorized {
			t.Fatalf("%v authorized", c)
		}
	}
}
