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
	"turnpike/shared/platform/deps"
)

// answerMargin is how much later than the deadline an answer may come: the
// time to write it, on a machine busy with the rest of the suite.
const answerMargin = 750 * time.Millisecond

// faultStack starts a stack of its own with AWS's Service Management
// deadline: freezing the shared one would stall every other test.
func faultStack(t *testing.T) (*sm, *devserver.Server) {
	t.Helper()
	srv, err := devserver.Start(context.Background(), devserver.Options{MasterToken: testenv.MasterToken,
		SMDeadline: deps.DefaultSMDeadline})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(func() {
		for _, pg := range []int{srv.Stack.DynamoDBProcessGroup(), srv.Stack.SQSProcessGroup()} {
			syscall.Kill(-pg, syscall.SIGCONT)
		}
		hs.Close()
		srv.Stop()
	})
	return newSMOn(t, &testenv.Env{URL: hs.URL, Server: srv}, smOpts{}), srv
}

// A frozen DynamoDB (SIGSTOP) gives 503s in 3scale's error shape within
// the deadline, /check.txt says what is wrong, and the stack recovers by
// itself once DynamoDB resumes.
func TestSMFrozenDynamoDB(t *testing.T) {
	t.Parallel()
	f, srv := faultStack(t)
	pg := srv.Stack.DynamoDBProcessGroup()
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
		if took > deps.DefaultSMDeadline+answerMargin {
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

// A frozen SQS emulator behind POST /transactions.xml gives 503s in 3scale's
// error shape within the deadline and loses nothing it accepted: /check.txt
// names SQS, and once SQS resumes a report is accepted and counted.
func TestSMFrozenSQS(t *testing.T) {
	t.Parallel()
	f, srv := faultStack(t)
	f.limit("hits", "day", 1000)
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=2"), 202)
	f.await(`<current_value>2</current_value>`)

	pg := srv.Stack.SQSProcessGroup()
	if err := syscall.Kill(-pg, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		start := time.Now()
		r := f.report(f.creds() + "&transactions[0][app_id]=" + f.app.AppID + "&transactions[0][usage][hits]=5")
		took := time.Since(start)
		status(t, r, 503, `<?xml version="1.0" encoding="UTF-8"?><error code="`)
		if took > deps.DefaultSMDeadline+answerMargin {
			t.Fatalf("report answered after %v with SQS frozen", took)
		}
	}
	// authrep does not wait for SQS: the counters live in DynamoDB.
	status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	status(t, f.env.Do(t, "GET", "/check.txt", nil), 503, "sqs: ")

	if err := syscall.Kill(-pg, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		r := f.report(f.creds() + "&transactions[0][app_id]=" + f.app.AppID + "&transactions[0][usage][hits]=10")
		if r.Status == 202 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery after SQS resumed: %d %s", r.Status, r.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// 2 reported, 1 by authrep, 10 reported after the thaw; the refused reports count nothing.
	f.await(`<current_value>13</current_value>`)
	status(t, f.env.Do(t, "GET", "/check.txt", nil), 200, "ok")
}
