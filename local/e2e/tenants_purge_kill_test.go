package e2e

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// purgeCommand builds the purge command once into a temporary directory and
// returns a function that makes an invocation of it against the test stack's
// DynamoDB, taking the stack's (moved) clock as now.
func purgeCommand(t *testing.T, env *testenv.Env) func(args ...string) *exec.Cmd {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "purge")
	build := exec.Command("go", "build", "-o", bin, "turnpike/infra/cmd/purge")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := env.Server.Deps.Store
	return func(args ...string) *exec.Cmd {
		args = append([]string{"-now", env.Server.Clock.Now().Format(time.RFC3339Nano)}, args...)
		c := exec.Command(bin, args...)
		c.Env = append(os.Environ(),
			"DYNAMODB_ENDPOINT="+env.Server.Stack.DynamoDBEndpoint,
			"ENTITIES_TABLE="+s.Entities, "COUNTERS_TABLE="+s.Counters, "USAGE_TABLE="+s.Usage,
			"USAGE_QUEUE_URL=")
		return c
	}
}

// runPurge runs the command to completion and returns its stdout.
func runPurge(t *testing.T, c *exec.Cmd) string {
	t.Helper()
	var stderr strings.Builder
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("purge command: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// The purge command, a real process, killed (SIGKILL) after its first batch
// and run again: no item of the tenant remains in any table, the other tenant
// is byte for byte as it was, and the audit record counts every item erased
// by both runs. The killed run keeps the purge for its lease, then the next
// run takes it over. Not parallel: it moves the clock.
func TestTenantPurgeCommandKilled(t *testing.T) {
	const lease = 2 * time.Second // the killed run's hold on the purge
	env := testenv.Get(t)
	cmd := purgeCommand(t, env)
	a, _ := richTenant(t, env)
	b, bApp := richTenant(t, env)
	// Tenants earlier tests left scheduled are erased first (their tests
	// are over), so that the run held below is A's.
	advance(t, env, 15*24*time.Hour+time.Minute)
	runPurge(t, cmd())

	before := tableItems(t, env, a.ID)
	bBefore := tableItems(t, env, b.ID)
	path := "/master/api/providers/" + testenv.S(a.ID)
	status(t, master(t, env, "DELETE", path+".json", nil), 200)
	scheduled := tableItems(t, env, a.ID)
	advance(t, env, 15*24*time.Hour+time.Minute)

	// The first run holds after one batch and is killed there.
	p := cmd("-hold-after", "1", "-lease", lease.String())
	stderr, err := p.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	held := make(chan string, 1)
	go func() {
		var log strings.Builder
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if sc.Text() == "purge: holding" {
				held <- log.String()
				io.Copy(io.Discard, stderr)
				return
			}
		}
		held <- log.String()
	}()
	// The wait is bounded only so a broken command fails the test instead of
	// hanging it; the point of the kill is the log line, not a time.
	var log string
	select {
	case log = <-held:
	case <-time.After(2 * time.Minute):
		p.Process.Kill()
		t.Fatal("the purge command never reached its first batch")
	}
	if err := p.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(); err == nil || !strings.HasSuffix(log, "purge: holding\n") {
		t.Fatalf("the command was not killed while holding: %v\n%s", err, log)
	}
	if !strings.Contains(log, "purge: tenant "+testenv.S(a.ID)+": batch 1 erased") {
		t.Fatalf("the held batch was not A's:\n%s", log)
	}
	if mid := tableItems(t, env, a.ID); countItems(mid) == 0 || countItems(mid) >= countItems(scheduled) {
		t.Fatalf("after the kill: %d items of %d", countItems(mid), countItems(scheduled))
	}
	if s := tenantOf(t, env, a.ID)["state"]; s != "scheduled_for_deletion" {
		t.Fatalf("mid-purge state %v", s)
	}

	// The killed run holds the purge until its lease runs out: a run before
	// that leaves A alone, the next one finishes it.
	out := runPurge(t, cmd())
	if strings.Contains(out, `"tenant_id":`+testenv.S(a.ID)) {
		t.Fatalf("a run took over while the killed one held the purge: %s", out)
	}
	if mid := tableItems(t, env, a.ID); countItems(mid) == 0 {
		t.Fatal("erased while the killed run held the purge")
	}
	time.Sleep(lease)
	out = runPurge(t, cmd())
	if !strings.Contains(out, `"done":true`) || !strings.Contains(out, `"tenant_id":`+testenv.S(a.ID)) {
		t.Fatalf("second run: %s", out)
	}
	if left := tableItems(t, env, a.ID); countItems(left) != 0 {
		t.Fatalf("left after the purge: %v", left)
	}
	if after := tableItems(t, env, b.ID); !reflect.DeepEqual(after, bBefore) {
		t.Fatalf("tenant B changed:\nbefore %v\nafter  %v", bBefore, after)
	}
	status(t, master(t, env, "GET", path+".json", nil), 404)
	status(t, authrepOf(t, env, b, bApp), 200, "<authorized>true</authorized>")
	if out := runPurge(t, cmd()); out != "" {
		t.Fatalf("a third run found work: %s", out)
	}

	// The audit record adds up both runs.
	r := master(t, env, "GET", "/master/api/purges.json", nil)
	status(t, r, 200)
	var audit map[string]any
	for _, p := range items(t, r, "purges", "purge") {
		if num(t, p, "tenant_id") == a.ID {
			audit = p
		}
	}
	if audit == nil || audit["requested_by"] != "master access token" || audit["purged_by"] != "command" {
		t.Fatalf("audit: %v", audit)
	}
	var total float64
	counts := inner(t, audit, "counts")
	for k := range counts {
		total += float64(num(t, counts, k))
	}
	if int(total) != countItems(before) {
		t.Errorf("audit counts %d items, the tables held %d", int(total), countItems(before))
	}
}
