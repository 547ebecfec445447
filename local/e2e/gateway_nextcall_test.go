package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"turnpike/shared/gateway"
	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/deps"
	"turnpike/shared/transport/lambdafn"
)

// countingGateway is a gateway process of its own (its own configuration
// cache, as a Lambda container has) over a DynamoDB client that counts its
// calls, served through the Lambda entry path like the local gateway.
type countingGateway struct {
	url   string
	mu    sync.Mutex
	calls map[string]int
}

func newCountingGateway(t *testing.T, env *testenv.Env) *countingGateway {
	t.Helper()
	g := &countingGateway{calls: map[string]int{}}
	base := env.Server.Deps.Store
	db := dynamodb.New(base.DB.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc("count", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				g.mu.Lock()
				g.calls[awsmiddleware.GetOperationName(ctx)]++
				g.mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
		})
	})
	s := *base
	s.DB = db
	hs := httptest.NewServer(dispatch.Lambda(lambdafn.Proxy(gateway.New(deps.New(&s, testenv.MasterToken), gateway.Options{AllowPrivate: true}))))
	t.Cleanup(hs.Close)
	g.url = hs.URL
	return g
}

// reset returns the calls counted so far and starts again.
func (g *countingGateway) reset() map[string]int {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.calls
	g.calls = map[string]int{}
	return c
}

func (g *countingGateway) call(t *testing.T, env *testenv.Env, host, target string) *testenv.Response {
	t.Helper()
	req, err := http.NewRequest("GET", g.url+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	return env.Send(t, req)
}

// In steady state a call through the gateway costs what an authrep costs:
// one read of the tenant item and one conditional counter write. Finding the
// product by host, its config and its mapping rules come from the process's
// cache, checked against the tenant's configuration version that same read
// returns.
func TestGatewayHotPathCost(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	p.deleteRules(t)
	p.rule(t, "GET", "/v1", p.v1)
	p.deploy(t)
	p.tn.Create(t, limitsPath(p.plan, p.v1)+".json", "limit", url.Values{"period": {"hour"}, "value": {"1000"}})
	g := newCountingGateway(t, p.env)
	k := "user_key=" + url.QueryEscape(p.userKey)
	echoed(t, g.call(t, p.env, p.staging, "/v1?"+k), "first call")  // loads the configuration
	echoed(t, g.call(t, p.env, p.staging, "/v1?"+k), "second call") // learns the counter's stamps
	g.reset()
	for i := 0; i < 10; i++ {
		echoed(t, g.call(t, p.env, p.staging, "/v1?"+k), "steady state")
	}
	if c := g.reset(); c["GetItem"] != 10 || c["UpdateItem"] != 10 || len(c) != 2 {
		t.Fatalf("10 calls through the gateway cost %v; want 10 GetItem and 10 UpdateItem", c)
	}
	// Refusals before authrep cost the one read too.
	answer(t, g.call(t, p.env, p.staging, "/nothing?"+k), 404, "No Mapping Rule matched", "no rule")
	answer(t, g.call(t, p.env, p.staging, "/v1"), 403, "Authentication parameters missing", "no key")
	if c := g.reset(); c["GetItem"] != 2 || len(c) != 1 {
		t.Fatalf("2 refusals cost %v", c)
	}
}

// What an admin changes applies on the very next call through a gateway
// process that has served the product before: a deployed mapping rule (and
// not an undeployed one), a new limit, a suspended application, a product
// moved to another host, and that host taken over by another tenant's product.
func TestGatewayNextCall(t *testing.T) {
	t.Parallel()
	p := newEchoProduct(t)
	p.deleteRules(t)
	p.rule(t, "GET", "/v1/test", p.test)
	p.deploy(t)
	g := newCountingGateway(t, p.env)
	k := "user_key=" + url.QueryEscape(p.userKey)
	call := func(host, target string) *testenv.Response { return g.call(t, p.env, host, target) }
	echoed(t, call(p.staging, "/v1/test?"+k), "before any change")
	answer(t, call(p.staging, "/v1?"+k), 404, "No Mapping Rule matched", "no rule for /v1 yet")

	// A mapping rule applies once deployed, on the next call.
	rule := p.rule(t, "GET", "/v1", p.v1, "last", "true")
	answer(t, call(p.staging, "/v1?"+k), 404, "No Mapping Rule matched", "rule saved, not deployed")
	p.deploy(t)
	echoed(t, call(p.staging, "/v1?"+k), "rule deployed")
	// Changed: the rule now counts on v2, disabled for the plan.
	status(t, p.tn.Do(t, "PATCH", sp(p.svc, "/proxy/mapping_rules/"+testenv.S(rule)+".json"), url.Values{"metric_id": {testenv.S(p.v2)}}), 200)
	echoed(t, call(p.staging, "/v1?"+k), "rule changed, not deployed")
	p.deploy(t)
	answer(t, call(p.staging, "/v1?"+k), 403, "Authentication failed", "changed rule deployed: v2 is disabled")
	status(t, p.tn.Do(t, "DELETE", sp(p.svc, "/proxy/mapping_rules/"+testenv.S(rule)+".json"), nil), 200)
	p.deploy(t)
	answer(t, call(p.staging, "/v1?"+k), 404, "No Mapping Rule matched", "rule deleted and deployed")

	// A new limit applies on the next call (test is at 1 of its 5 an hour;
	// every call through /v1/test below counts on it).
	p.tn.Create(t, limitsPath(p.plan, p.hits)+".json", "limit", url.Values{"period": {"eternity"}, "value": {"1"}})
	echoed(t, call(p.staging, "/v1/test?"+k), "hits limited to 1: the first call")
	answer(t, call(p.staging, "/v1/test?"+k), 429, "Usage limit exceeded", "hits limited to 1: the second call")

	// A suspended application is refused on the next call.
	status(t, p.tn.Do(t, "PUT", p.appPath+"/suspend.json", nil), 200)
	answer(t, call(p.staging, "/v1/test?"+k), 403, "Authentication failed", "application suspended")
	status(t, p.tn.Do(t, "PUT", p.appPath+"/resume.json", nil), 200)
	answer(t, call(p.staging, "/v1/test?"+k), 429, "Usage limit exceeded", "resumed: the limit again")
	for _, id := range limitIDs(t, p, p.hits) {
		status(t, p.tn.Do(t, "DELETE", limitsPath(p.plan, p.hits)+"/"+testenv.S(id)+".json", nil), 200)
	}
	echoed(t, call(p.staging, "/v1/test?"+k), "limit deleted")

	// The product moves to another host: the old one serves nothing, the new one serves it.
	old := p.staging
	moved := testenv.Unique("moved") + ".localhost"
	status(t, p.tn.Do(t, "PATCH", sp(p.svc, "/proxy.json"), url.Values{"sandbox_endpoint": {"http://" + moved + ":8080"}}), 200)
	p.deploy(t)
	answer(t, call(old, "/v1/test?"+k), 404, "", "old host after the move")
	echoed(t, call(moved, "/v1/test?"+k), "new host after the move")

	// Another tenant's product takes the old host over: it serves it from the next call.
	q := newEchoProduct(t)
	q.deleteRules(t)
	q.rule(t, "GET", "/v1/test", q.test)
	status(t, q.tn.Do(t, "PATCH", sp(q.svc, "/proxy.json"), url.Values{"sandbox_endpoint": {"http://" + old + ":8080"}}), 200)
	q.deploy(t)
	echoed(t, call(old, "/v1/test?user_key="+url.QueryEscape(q.userKey)), "the old host, now the other tenant's")
	answer(t, call(old, "/v1/test?"+k), 403, "Authentication failed", "the first tenant's key on the other tenant's product")
	echoed(t, call(moved, "/v1/test?"+k), "the first product, still on its new host")
}

// limitIDs lists the ids of a metric's limits on the product's plan.
func limitIDs(t *testing.T, p *echoProduct, metric int64) []int64 {
	t.Helper()
	r := p.tn.Do(t, "GET", limitsPath(p.plan, metric)+".json", nil)
	status(t, r, 200)
	var out []int64
	for _, l := range items(t, r, "limits", "limit") {
		out = append(out, testenv.ID(t, l))
	}
	return out
}
