package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"turnpike/shared/localdev/devserver"
	"turnpike/shared/localdev/emulators"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
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

// lostAnswer forwards DynamoDB requests and, when armed, lets one counter
// write reach DynamoDB but drops the connection instead of its answer: the
// caller cannot tell whether the write was applied.
type lostAnswer struct {
	target string
	armed  atomic.Bool
}

func (p *lostAnswer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	out.Host = r.Host
	res, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(res.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	if r.Header.Get("X-Amz-Target") == "DynamoDB_20120810.UpdateItem" &&
		bytes.Contains(body, []byte(`"TableName":"`+store.DefaultCounters+`"`)) && p.armed.CompareAndSwap(true, false) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	for k, vs := range res.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(res.StatusCode)
	w.Write(answer)
}

// A counter write whose answer is lost is not sent again: the SDK's retry
// would add the usage twice. The call answers 503 and the usage counts once.
func TestSMLostCounterAnswer(t *testing.T) {
	t.Parallel()
	st, err := emulators.Start(context.Background(), emulators.Options{NoSQS: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Stop() })
	proxy := &lostAnswer{target: st.DynamoDBEndpoint}
	ps := httptest.NewServer(proxy)
	t.Cleanup(ps.Close)
	srv, err := devserver.Start(context.Background(), devserver.Options{MasterToken: testenv.MasterToken,
		DynamoDBEndpoint: ps.URL, SMDeadline: deps.DefaultSMDeadline})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(func() {
		hs.Close()
		srv.Stop()
	})
	f := newSMOn(t, &testenv.Env{URL: hs.URL, Server: srv}, smOpts{})
	f.limit("hits", "day", 1000)
	status(t, f.authrep(f.q("usage[hits]", "1")), 200)

	proxy.armed.Store(true)
	status(t, f.authrep(f.q("usage[hits]", "1")), 503, `<?xml version="1.0" encoding="UTF-8"?><error code="`)
	if proxy.armed.Load() {
		t.Fatal("the counter write never went through the proxy")
	}
	status(t, f.authorize(f.q()), 200, `<current_value>2</current_value>`)
	status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	status(t, f.authorize(f.q()), 200, `<current_value>3</current_value>`)
}
