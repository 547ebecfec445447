// Package devserver assembles Turnpike outside AWS: the local services
// (DynamoDB Local, the SQS emulator), the tables of template.yaml, and a router
// serving every operation through its Lambda entry path. The local runner and
// the integration tests both start it.
package devserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"turnpike"
	"turnpike/infra/cfn"
	"turnpike/shared/gateway"
	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/emulators"
	"turnpike/shared/platform/clock"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/transport/lambdafn"
)

// Options configure a development server.
type Options struct {
	DataDir          string // "" = in-memory DynamoDB
	DynamoDBEndpoint string // use a running DynamoDB instead of starting one
	SQSEndpoint      string // use a running SQS instead of starting one
	MasterToken      string
	Log              io.Writer
	// SMDeadline overrides the Service Management deadline (see LocalSMDeadline).
	SMDeadline time.Duration
}

// LocalSMDeadline is the local runner's Service Management deadline
// (SM_DEADLINE overrides it): DynamoDB Local on a two-core machine takes
// longer than AWS's one second to answer 64 or 256 concurrent authreps while
// the rest of the test suite runs, and a deadline that cuts off a slow but
// healthy store would fail calls that should count.
const LocalSMDeadline = 3 * time.Second

// Server is a running development stack.
type Server struct {
	Stack   *emulators.Stack
	Deps    *deps.Deps
	Handler *dispatch.Router
	// Gateway serves API traffic (product by Host), Echo is a small upstream
	// API answering with the request it received; both through the Lambda entry path.
	Gateway, Echo http.Handler
	// Clock is the time every operation reads; tests move it forward.
	Clock *clock.Adjustable

	consumers *consumers
	streams   *consumers
}

// Start brings up the services, creates the tables, and builds the router.
func Start(ctx context.Context, o Options) (*Server, error) {
	st, err := emulators.Start(ctx, emulators.Options{
		DataDir: o.DataDir, Log: o.Log, DynamoDBEndpoint: o.DynamoDBEndpoint, SQSEndpoint: o.SQSEndpoint,
	})
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, store.Config{Endpoint: st.DynamoDBEndpoint, Entities: store.DefaultEntities, Counters: store.DefaultCounters})
	if err != nil {
		st.Stop()
		return nil, err
	}
	if err := cfn.CreateTables(ctx, s.DB, turnpike.Template); err != nil {
		st.Stop()
		return nil, fmt.Errorf("devserver: %w", err)
	}
	if os.Getenv("GATEWAY_ALLOW_PRIVATE") == "" {
		// Locally, products point at APIs on this machine (the Echo API).
		os.Setenv("GATEWAY_ALLOW_PRIVATE", "1")
	}
	d := deps.New(s, o.MasterToken)
	clk := &clock.Adjustable{}
	d.Now = clk.Now
	// Locally, receivers are usually on this machine.
	d.Webhooks.AllowPrivate = true
	// Development knobs: a shorter queue delay between webhook attempts (the
	// schedule itself follows the clock) and a shorter receiver timeout.
	if v, err := time.ParseDuration(os.Getenv("WEBHOOK_RETRY_DELAY")); err == nil {
		d.Webhooks.RetryDelay = v
	}
	if v, err := time.ParseDuration(os.Getenv("WEBHOOK_TIMEOUT")); err == nil {
		d.Webhooks.Timeout = v
	}
	d.ReportRecheck = time.Second
	d.SMDeadline = LocalSMDeadline
	if v, err := time.ParseDuration(os.Getenv("SM_DEADLINE")); err == nil && v > 0 {
		d.SMDeadline = v
	}
	if o.SMDeadline > 0 {
		d.SMDeadline = o.SMDeadline
	}
	srv := &Server{Stack: st, Deps: d, Clock: clk}
	if err := srv.startQueues(ctx); err != nil {
		st.Stop()
		return nil, err
	}
	if err := srv.startStreams(ctx); err != nil {
		srv.consumers.stop()
		st.Stop()
		return nil, err
	}
	srv.Handler = dispatch.New(d)
	srv.Gateway = dispatch.Lambda(lambdafn.Proxy(gateway.New(d, localGateway())))
	srv.Echo = dispatch.Lambda(lambdafn.Proxy(gateway.Echo()))
	return srv, nil
}

// Stop ends the queue pollers and the child processes.
func (s *Server) Stop() error {
	s.streams.stop()
	s.consumers.stop()
	return s.Stack.Stop()
}

// localGateway is the gateway's configuration on this machine: upstreams on
// loopback are allowed (the Echo API), the timeout is GATEWAY_UPSTREAM_TIMEOUT's.
func localGateway() gateway.Options {
	o := gateway.OptionsFromEnv()
	o.AllowPrivate = true
	return o
}
