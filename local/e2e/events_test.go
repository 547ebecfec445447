package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/lambdafn"
	"turnpike/shared/transport/ops"
)

// Each function's real Lambda handler answers its sample event from events/
// (without credentials: a 4xx in the API's shape, never a 5xx).
func TestSampleEvents(t *testing.T) {
	env := testenv.Get(t)
	for _, op := range ops.All() {
		t.Run(op.Name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "events", op.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				t.Fatalf("events/%s.json is not an HTTP API event: %v", op.Name, err)
			}
			if ev.RequestContext.HTTP.Method != op.Method {
				t.Fatalf("sample event method %s, operation %s", ev.RequestContext.HTTP.Method, op.Method)
			}
			fn, err := lambdafn.Handler(env.Server.Deps, op.Name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := fn(context.Background(), ev)
			if err != nil {
				t.Fatalf("handler error: %v", err)
			}
			if res.StatusCode < 200 || res.StatusCode >= 500 {
				t.Fatalf("status %d: %s", res.StatusCode, res.Body)
			}
		})
	}
}
