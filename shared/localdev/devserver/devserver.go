// Package devserver assembles Turnpike outside AWS: the local services
// (DynamoDB Local, the SQS emulator), the tables of template.yaml, and a router
// serving every operation through its Lambda entry path. The local runner and
// the integration tests both start it.
package devserver

import (
	"context"
	"fmt"
	"io"
	"time"

	"turnpike"
	"turnpike/infra/cfn"
	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/emulators"
	"turnpike/shared/platform/clock"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// Options configure a development server.
type Options struct {
	DataDir          string // "" = in-memory DynamoDB
	DynamoDBEndpoint string // use a running DynamoDB instead of starting one
	SQSEndpoint      string // use a running SQS instead of starting one
	MasterToken      string
	Log              io.Writer
}

// Server is a running development stack.
type Server struct {
	Stack   *emulators.Stack
	Deps    *deps.Deps
	Handler *dispatch.Router
	// Clock is the time every operation reads; tests move it forward.
	Clock *clock.Adjustable

	consumers *consumers
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
	d := deps.New(s, o.MasterToken)
	clk := &clock.Adjustable{}
	d.Now = clk.Now
	d.ReportRecheck = time.Second
	srv := &Server{Stack: st, Deps: d, Clock: clk}
	if err := srv.startQueues(ctx); err != nil {
		st.Stop()
		return nil, err
	}
	srv.Handler = dispatch.New(d)
	return srv, nil
}

// Stop ends the queue pollers and the child processes.
func (s *Server) Stop() error {
	s.consumers.stop()
	return s.Stack.Stop()
}
