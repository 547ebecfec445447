package template_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"turnpike/infra/template"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/queue"
	"turnpike/shared/servicemgmt/usage"
	"turnpike/shared/transport/ops"
)

// synthetic is a registry of n operations shaped like 3scale's admin API (a
// .json collection, an item under a variable, nested resources), with the
// longest name allowed, plus every kind of function the registry knows:
// three queue consumers, two schedules, a gateway and an authorizer.
func synthetic(n int) template.Registry {
	var r template.Registry
	noop := func(*deps.Deps) http.Handler { return http.NotFoundHandler() }
	for i := 0; i < n; i++ {
		res := fmt.Sprintf("resource%02d", i/5)
		var op ops.Operation
		switch i % 5 {
		case 0:
			op = ops.Operation{Method: "GET", Path: "/admin/api/" + res + ".json"}
		case 1:
			op = ops.Operation{Method: "POST", Path: "/admin/api/" + res + ".json"}
		case 2:
			op = ops.Operation{Method: "GET", Path: "/admin/api/" + res + "/{id}"}
		case 3:
			op = ops.Operation{Method: "PUT", Path: "/admin/api/" + res + "/{id}/children/{child_id}"}
		case 4:
			op = ops.Operation{Method: "GET", Path: "/admin/api/" + res + "/{id}/children.json"}
		}
		op.Name = fmt.Sprintf("synthetic-operation-%03d", i)
		op.Build = noop
		r.Ops = append(r.Ops, op)
	}
	r.Ops[0].Name = r.Ops[0].Name + strings.Repeat("x", template.MaxName-len(r.Ops[0].Name))
	// A Service Management API of the same size as today's.
	for _, p := range []string{"/transactions/authrep.xml", "/transactions/authorize.xml", "/transactions.xml", "/status"} {
		r.Ops = append(r.Ops, ops.Operation{Name: "sm" + strings.NewReplacer("/", "-", ".", "-").Replace(p), Method: "GET", Path: p, Build: noop})
	}
	consume := func(*deps.Deps) queue.Handler { return usage.Consumer(nil) }
	r.Consumers = []ops.Consumer{
		{Name: "usage-consumer", Queue: "UsageQueue", Build: consume},
		{Name: "webhook-consumer", Queue: "WebhookQueue", Build: consume},
		{Name: "tenant-lifecycle-consumer", Queue: "TenantLifecycleQueue", Build: consume},
	}
	run := func(*deps.Deps) func(context.Context) error { return func(context.Context) error { return nil } }
	r.Schedules = []ops.Schedule{
		{Name: "purge-tenants", Rate: "rate(1 day)", Build: run},
		{Name: "sweep-webhooks", Rate: "rate(5 minutes)", Build: run},
	}
	r.Gateways = []ops.Gateway{{Name: "gateway", Build: noop}}
	r.Authorizers = []ops.Authorizer{{Name: "gateway-authorizer", Build: func(*deps.Deps) ops.AuthorizerFunc { return nil }}}
	r.Streams = []ops.Stream{{Name: "usage-history-stream", Table: "CountersTable", Build: usage.StreamConsumer, Batch: 5000, Window: 5}}
	return r
}
