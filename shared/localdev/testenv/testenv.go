// Package testenv is the integration test harness: one real DynamoDB Local and
// SQS emulator per test process, the tables of template.yaml, and every
// operation served over HTTP through its Lambda entry path. A missing Java or
// Node fails the tests with a message that says so; nothing is skipped.
package testenv

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"turnpike/shared/localdev/devserver"
)

// MasterToken is the master access token of the test stack.
const MasterToken = "test-master-token-0123456789abcdef0123456789abcdef"

// Env is the running stack.
type Env struct {
	URL    string
	Server *devserver.Server
	http   *httptest.Server
	// GatewayURL serves API traffic through the gateway (the product is chosen
	// by the Host header); EchoURL is the Echo API.
	GatewayURL, EchoURL string
	gw, echo            *httptest.Server
}

var (
	once    sync.Once
	shared  *Env
	startup error
)

// Get returns the process's stack, starting it on first use.
func Get(t testing.TB) *Env {
	t.Helper()
	once.Do(func() {
		if os.Getenv("GATEWAY_UPSTREAM_TIMEOUT") == "" {
			// A slow upstream is answered 504 quickly in tests.
			os.Setenv("GATEWAY_UPSTREAM_TIMEOUT", "2s")
		}
		if os.Getenv("STREAM_BATCH_WINDOW") == "" {
			// The usage history shows within a second of the counter writes.
			os.Setenv("STREAM_BATCH_WINDOW", "300ms")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		srv, err := devserver.Start(ctx, devserver.Options{
			DynamoDBEndpoint: os.Getenv("TEST_DYNAMODB_ENDPOINT"),
			SQSEndpoint:      os.Getenv("TEST_SQS_ENDPOINT"),
			MasterToken:      MasterToken,
		})
		if err != nil {
			startup = fmt.Errorf("testenv: the local stack did not start: %w", err)
			return
		}
		hs := httptest.NewServer(srv.Handler)
		gw, echo := httptest.NewServer(srv.Gateway), httptest.NewServer(srv.Echo)
		shared = &Env{URL: hs.URL, Server: srv, http: hs, GatewayURL: gw.URL, EchoURL: echo.URL, gw: gw, echo: echo}
	})
	if startup != nil {
		t.Fatal(startup)
	}
	return shared
}

// Main runs a package's tests and stops the stack afterwards; use it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.http.Close()
		shared.gw.Close()
		shared.echo.Close()
		shared.Server.Stop()
	}
	os.Exit(code)
}

// At is a client of a stack served elsewhere (a local runner process), for
// tests that stop and start that process; its Server is nil.
func At(url string) *Env { return &Env{URL: url} }
