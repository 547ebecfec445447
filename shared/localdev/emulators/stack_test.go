package emulators

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func start(t *testing.T, o Options) *Stack {
	t.Helper()
	o.Log = testLog{t}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // covers a cold npm ci
	defer cancel()
	t0 := time.Now()
	s, err := Start(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start took %.1fs", time.Since(t0).Seconds())
	t.Cleanup(func() { s.Stop() })
	return s
}

// call sends one AWS JSON-protocol request and decodes the reply.
func call(t *testing.T, endpoint, target, body string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(body))
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: status %d, %v, %v", target, resp.StatusCode, out, err)
	}
	return out
}

func gone(t *testing.T, pid int) {
	t.Helper()
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("process %d still exists after Stop (kill -0: %v)", pid, err)
	}
	if err := syscall.Kill(-pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("process group %d still exists after Stop (kill -0: %v)", pid, err)
	}
}

func TestStartInMemory(t *testing.T) {
	s := start(t, Options{})
	if s.dynamo == nil || s.sqs == nil {
		t.Fatal("expected both services to be started")
	}
	if tables := call(t, s.DynamoDBEndpoint, "DynamoDB_20120810.ListTables", "{}"); len(tables["TableNames"].([]any)) != 0 {
		t.Errorf("fresh in-memory DynamoDB has tables: %v", tables)
	}
	q := call(t, s.SQSEndpoint, "AmazonSQS.CreateQueue", `{"QueueName":"probe"}`)
	if url, _ := q["QueueUrl"].(string); !strings.Contains(url, "probe") {
		t.Errorf("CreateQueue: %v", q)
	}

	// A second Stack pointed at the running services starts nothing.
	ext := start(t, Options{DynamoDBEndpoint: s.DynamoDBEndpoint, SQSEndpoint: s.SQSEndpoint})
	if ext.dynamo != nil || ext.sqs != nil || ext.SQSEndpoint != s.SQSEndpoint {
		t.Errorf("external endpoints: %+v", ext)
	}

	pids := []int{s.dynamo.cmd.Process.Pid, s.sqs.cmd.Process.Pid}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	for _, pid := range pids {
		gone(t, pid)
	}
}

func TestStartDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dynamodb") // not created yet: Start must create it
	s := start(t, Options{DataDir: dir, NoSQS: true})
	if s.SQSEndpoint != "" || s.sqs != nil {
		t.Errorf("NoSQS started SQS: %+v", s)
	}
	call(t, s.DynamoDBEndpoint, "DynamoDB_20120810.CreateTable", `{"TableName":"kept",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	pid := s.dynamo.cmd.Process.Pid
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	gone(t, pid)
	if _, err := os.Stat(filepath.Join(dir, "shared-local-instance.db")); err != nil {
		t.Errorf("no shared database file: %v", err)
	}

	s = start(t, Options{DataDir: dir, NoSQS: true})
	tables := call(t, s.DynamoDBEndpoint, "DynamoDB_20120810.ListTables", "{}")
	if names, _ := tables["TableNames"].([]any); len(names) != 1 || names[0] != "kept" {
		t.Errorf("table did not survive a restart: %v", tables)
	}
}

// TestPortRetry hands fauxqs a port that is already taken and expects Start
// to recover on a second port.
func TestPortRetry(t *testing.T) {
	busy, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	calls := 0
	pickPort = func() (int, error) {
		calls++
		if calls == 1 {
			return busy.Addr().(*net.TCPAddr).Port, nil
		}
		return freePort()
	}
	defer func() { pickPort = freePort }()

	fakeDynamo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(400) }))
	defer fakeDynamo.Close()
	s := start(t, Options{DynamoDBEndpoint: fakeDynamo.URL})
	if calls != 2 || s.sqs == nil {
		t.Fatalf("expected a retry on a second port, got %d port picks", calls)
	}
	call(t, s.SQSEndpoint, "AmazonSQS.ListQueues", "{}")
}

func TestMissingTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Start(context.Background(), Options{NoSQS: true})
	if err == nil || !strings.Contains(err.Error(), errNoJava.Error()) {
		t.Errorf("without java: %v", err)
	}
	_, err = Start(context.Background(), Options{DynamoDBEndpoint: "http://127.0.0.1:1"})
	if err == nil || err.Error() != errNoNode.Error() {
		t.Errorf("without node: %v", err)
	}
}

func TestRingBuffer(t *testing.T) {
	r := &ringBuffer{max: 8}
	r.Write([]byte("first\nsecond\n"))
	r.Write([]byte("third\n"))
	if len(r.buf) != 8 || r.tail(1) != "third" || r.tail(5) != "d\nthird" {
		t.Errorf("buf = %q, tail(1) = %q", r.buf, r.tail(1))
	}
}

func TestInstallFailure(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "local"), 0o755)
	os.WriteFile(filepath.Join(root, "local", "package.json"), []byte(`{"private":true}`), 0o644)
	err := EnsureInstalled(root, nil) // no package-lock.json: npm ci refuses
	if err == nil || !strings.Contains(err.Error(), "npm ci") || !strings.Contains(err.Error(), "package-lock.json") {
		t.Errorf("want npm's own explanation, got %v", err)
	}
}
