// Command local runs Turnpike on this machine: `make local`.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"turnpike/shared/localdev/devserver"
	"turnpike/shared/localdev/emulators"
	"turnpike/shared/platform/credential"
)

func main() {
	log.SetFlags(0)
	if err := run(); err != nil {
		log.Fatalf("turnpike: %v", err)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root, err := emulators.RepoRoot()
	if err != nil {
		return err
	}
	data := filepath.Join(root, ".local")
	token, err := masterToken(data)
	if err != nil {
		return err
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	addr := net.JoinHostPort("127.0.0.1", port)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (set PORT to use another port)", addr, err)
	}
	start := time.Now()
	fmt.Println("turnpike: starting DynamoDB Local and the SQS emulator…")
	srv, err := devserver.Start(ctx, devserver.Options{
		DataDir:          filepath.Join(data, "dynamodb"),
		DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"),
		SQSEndpoint:      os.Getenv("SQS_ENDPOINT"),
		MasterToken:      token,
		Log:              os.Stdout,
	})
	if err != nil {
		ln.Close()
		return err
	}
	defer srv.Stop()
	hs := &http.Server{Handler: srv.Handler, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 3)
	go func() { errc <- hs.Serve(ln) }()
	srv.StartSchedules(ctx, time.Hour)               // the daily purge of tenants, among others
	if err := os.MkdirAll(data, 0o700); err != nil { // absent when MASTER_ACCESS_TOKEN is given
		return err
	}
	if err := os.WriteFile(filepath.Join(data, "dynamodb_endpoint"), []byte(srv.Stack.DynamoDBEndpoint), 0o644); err != nil {
		return err
	}
	extra, err := serveExtra(srv, errc)
	if err != nil {
		return err
	}
	defer func() {
		for _, s := range extra {
			s.Close()
		}
	}()
	fmt.Printf("turnpike: master access token: %s\n", token)
	fmt.Printf("turnpike: master provider key (api_key): %s\n", credential.MasterProviderKey(token))
	fmt.Printf("turnpike: ready on http://%s (in %.1fs); Ctrl-C stops\n", addr, time.Since(start).Seconds())
	select {
	case <-ctx.Done():
		fmt.Println("\nturnpike: stopping")
	case err := <-srv.Stack.Exited():
		// Serving on without DynamoDB or SQS would only answer 503s.
		hs.Close()
		return fmt.Errorf("%w\nturnpike: stopped; run make local again", err)
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(sctx)
	return nil
}

// serveExtra serves the gateway on GATEWAY_PORT (8080) and the Echo API on
// ECHO_PORT (8081), both on 127.0.0.1.
func serveExtra(srv *devserver.Server, errc chan<- error) ([]*http.Server, error) {
	var out []*http.Server
	for _, x := range []struct {
		name, env, def string
		h              http.Handler
	}{{"gateway", "GATEWAY_PORT", "8080", srv.Gateway}, {"echo API", "ECHO_PORT", "8081", srv.Echo}} {
		port := os.Getenv(x.env)
		if port == "" {
			port = x.def
		}
		addr := net.JoinHostPort("127.0.0.1", port)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			for _, s := range out {
				s.Close()
			}
			return nil, fmt.Errorf("cannot listen on %s for the %s: %w (set %s to use another port)", addr, x.name, err, x.env)
		}
		hs := &http.Server{Handler: x.h, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
		go func() { errc <- hs.Serve(ln) }()
		fmt.Printf("turnpike: %s on http://%s\n", x.name, addr)
		out = append(out, hs)
	}
	return out, nil
}

// masterToken is MASTER_ACCESS_TOKEN, or one generated on first start and kept under .local/.
func masterToken(dir string) (string, error) {
	if t := os.Getenv("MASTER_ACCESS_TOKEN"); t != "" {
		return t, nil
	}
	path := filepath.Join(dir, "master_access_token")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		return strings.TrimSpace(string(b)), nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	t := credential.NewAccessToken()
	return t, os.WriteFile(path, []byte(t+"\n"), 0o600)
}
