package e2e

import (
	"context"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"turnpike/shared/localdev/devserver"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/servicemgmt/authrep"
)

// A frozen DynamoDB (SIGSTOP) gives 503s in 3scale's error shape within
// the deadline, /check.txt says what is wrong, and the stack recovers by
// itself once DynamoDB resumes. On a stack of its own: freezing the shared
// one would stall every other test.
func TestSMFrozenDynamoDB(t *testing.T) {
	t.Parallel()
	srv, err := devserver.Start(context.Background(), devserver.Options{MasterToken: testenv.MasterToken})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler)
	pg := srv.Stack.DynamoDBProcessGroup()
	t.Cleanup(func() {
		syscall.Kill(-pg, syscall.SIGCONT)
		hs.Close()
		srv.Stop()
	})
	f := newSMOn(t, &testenv.Env{URL: hs.URL, Server: srv}, smOpts{})
	f.limit("hits", "day", 1000)
	status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	status(t, f.env.Do(t, "GET", "/check.txt", nil), 200, "ok")

	if err := syscall.Kill(-pg, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		start := time.Now()
		r := f.authrep(f.q("usage[hits]", "1"))
		took := time.Since(start)
		status(t, r, 503, `<?xml version="1.0" encoding="UTF-8"?><error code="`)
		if took > authrep.Deadline+time.Second {
			t.Fatalf("authrep answered after %v with DynamoDB frozen", took)
		}
	}
	start := time.Now()
	r := f.env.Do(t, "GET", "/check.txt", nil)
	status(t, r, 503, "dynamodb: ")
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("/check.txt answered after %v", took)
	}

	if err := syscall.Kill(-pg, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		r := f.authrep(f.q("usage[hits]", "1"))
		if r.Status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery after DynamoDB resumed: %d %s", r.Status, r.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r := f.env.Do(t, "GET", "/check.txt", nil); r.Status != 200 || !strings.Contains(r.String(), "ok") {
		t.Fatalf("/check.txt after recovery: %d %s", r.Status, r.Body)
	}
}
