package e2e

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"turnpike/shared/localdev/emulators"
	"turnpike/shared/localdev/testenv"
)

// runner is the local runner (`make local`), a real process, against a
// DynamoDB Local and an SQS emulator of the test's own that outlive it.
type runner struct {
	t    *testing.T
	bin  string
	env  []string
	url  string
	cmd  *exec.Cmd
	logs *strings.Builder
	mu   sync.Mutex
}

func startRunnerStack(t *testing.T) *runner {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := emulators.Start(ctx, emulators.Options{})
	if err != nil {
		t.Fatalf("the runner's own DynamoDB Local and SQS emulator did not start: %v", err)
	}
	t.Cleanup(func() { st.Stop() })
	bin := filepath.Join(t.TempDir(), "turnpike-local")
	if out, err := exec.Command("go", "build", "-o", bin, "turnpike/local").CombinedOutput(); err != nil {
		t.Fatalf("go build ./local: %v\n%s", err, out)
	}
	ports := make([]string, 3)
	for i := range ports {
		ports[i] = freePort(t)
	}
	r := &runner{t: t, bin: bin, url: "http://127.0.0.1:" + ports[0], logs: &strings.Builder{}, env: append(os.Environ(),
		"PORT="+ports[0], "GATEWAY_PORT="+ports[1], "ECHO_PORT="+ports[2],
		"DYNAMODB_ENDPOINT="+st.DynamoDBEndpoint, "SQS_ENDPOINT="+st.SQSEndpoint,
		"MASTER_ACCESS_TOKEN="+testenv.MasterToken, "STREAM_BATCH_WINDOW=200ms")}
	t.Cleanup(func() {
		if r.cmd != nil && r.cmd.ProcessState == nil {
			r.cmd.Process.Kill()
			r.cmd.Wait()
		}
	})
	return r
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// start runs the runner, with extra environment variables, and waits until it says it is ready.
func (r *runner) start(env ...string) {
	r.t.Helper()
	r.cmd = exec.Command(r.bin)
	r.cmd.Env = append(append([]string(nil), r.env...), env...)
	out, err := r.cmd.StdoutPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	r.cmd.Stderr = r.cmd.Stdout
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			r.mu.Lock()
			r.logs.WriteString(sc.Text() + "\n")
			r.mu.Unlock()
			if strings.Contains(sc.Text(), "ready on") {
				ready <- true
			}
		}
		io.Copy(io.Discard, out)
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			r.t.Fatalf("the runner stopped before it was ready:\n%s", r.log())
		}
	case <-time.After(2 * time.Minute):
		r.t.Fatalf("the runner was not ready in 2 minutes:\n%s", r.log())
	}
}

// await waits until the runner's output holds line.
func (r *runner) await(line string) {
	r.t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(r.log(), line) {
			return
		}
	}
	r.t.Fatalf("the runner never said %q:\n%s", line, r.log())
}

func (r *runner) log() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.logs.String()
}

// kill ends the runner with SIGKILL: nothing of it runs after.
func (r *runner) kill() {
	r.t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		r.t.Fatal(err)
	}
	r.cmd.Wait()
}

// remoteApp creates, on a runner, an application on a plan limiting hits per
// day and per hour (limits that a test's load never reaches).
func remoteApp(t *testing.T, tn *testenv.Tenant) (svc int64, userKey string, appID int64) {
	t.Helper()
	s := tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {testenv.Unique("svc")}})
	svc = testenv.ID(t, s)
	r := tn.Do(t, "GET", "/admin/api/services/"+testenv.S(svc)+"/metrics.json", nil)
	status(t, r, 200)
	m := regexp.MustCompile(`"id":(\d+)[^}]*"system_name":"hits"`).FindStringSubmatch(r.String())
	if m == nil {
		t.Fatalf("no hits metric: %s", r.Body)
	}
	plan := tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan", url.Values{"name": {testenv.Unique("plan")}})
	for _, p := range []string{"day", "hour"} {
		tn.Create(t, "/admin/api/application_plans/"+testenv.S(testenv.ID(t, plan))+"/metrics/"+m[1]+"/limits.json", "limit",
			url.Values{"period": {p}, "value": {"100000000"}})
	}
	dev := testenv.Unique("dev")
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {dev}, "username": {dev},
		"email": {dev + "@example.com"}, "password": {"a-long-enough-password"}})
	app := tn.Create(t, "/admin/api/accounts/"+testenv.S(testenv.ID(t, acc))+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(testenv.ID(t, plan))}, "name": {"app"}})
	return svc, app["user_key"].(string), testenv.ID(t, app)
}

// The usage history equals the counters whatever happens to the process
// that counts: the local runner is SIGKILLed in the middle of a load of
// authreps and started again; once the counters table's stream is consumed,
// each application's history of hits today (and its service's) equals the
// day counter authorize.xml reports. Nothing is lost (what a process held in
// memory used to be) and nothing counts twice. The kill lands where it hurts
// most: the stream poller has recorded a batch's range and not applied it
// (STREAM_HOLD_BEFORE_APPLY holds it there), so the restarted runner must
// apply exactly that range, once.
func TestSMHistorySurvivesKilledRunner(t *testing.T) {
	r := startRunnerStack(t)
	r.start("STREAM_HOLD_BEFORE_APPLY=1")
	env := testenv.At(r.url)
	tn := env.NewTenant(t)
	type app struct {
		svc      int64
		key      string
		id       int64
		ok, lost atomic.Int64
	}
	apps := make([]*app, 4)
	for i := range apps {
		svc, key, id := remoteApp(t, tn)
		apps[i] = &app{svc: svc, key: key, id: id}
	}
	client := &http.Client{Timeout: 5 * time.Second}
	load := func(stop <-chan struct{}) *sync.WaitGroup {
		var wg sync.WaitGroup
		for w := 0; w < 6; w++ {
			wg.Go(func() {
				for i := w; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					a := apps[i%len(apps)]
					res, err := client.Get(r.url + "/transactions/authrep.xml?provider_key=" + tn.ProviderKey + "&service_id=" + testenv.S(a.svc) +
						"&user_key=" + a.key + "&usage%5Bhits%5D=1&log%5Bcode%5D=200")
					if err != nil {
						a.lost.Add(1) // cut by the kill: counted or not, the counters say
						time.Sleep(20 * time.Millisecond)
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode == 200 {
						a.ok.Add(1)
					}
				}
			})
		}
		return &wg
	}
	stop := make(chan struct{})
	wg := load(stop)
	r.await("stream batch recorded, holding before applying it")
	time.Sleep(time.Second)
	r.kill()
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	r.start()
	stop = make(chan struct{})
	wg = load(stop)
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()

	current := regexp.MustCompile(`period="day">.*?<current_value>(\d+)</current_value>`)
	counterOf := func(a *app) int64 {
		res := env.Do(t, "GET", "/transactions/authorize.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(a.svc)}, "user_key": {a.key}})
		status(t, res, 200)
		m := current.FindStringSubmatch(res.String())
		if m == nil {
			t.Fatalf("no day counter: %s", res.Body)
		}
		n, _ := strconv.ParseInt(m[1], 10, 64)
		return n
	}
	total := regexp.MustCompile(`"total":(\d+)`)
	historyOf := func(path string) int64 {
		res := tn.Stats(t, path, url.Values{"metric_name": {"hits"}, "granularity": {"day"}})
		status(t, res, 200)
		n, _ := strconv.ParseInt(total.FindStringSubmatch(res.String())[1], 10, 64)
		return n
	}
	var counted int64
	for _, a := range apps {
		want := counterOf(a)
		counted += want
		if want < a.ok.Load() || want > a.ok.Load()+a.lost.Load() {
			t.Fatalf("app %d: counter %d, yet %d authreps answered 200 and %d were cut", a.id, want, a.ok.Load(), a.lost.Load())
		}
		path := "/stats/applications/" + testenv.S(a.id) + "/usage.json"
		got := historyOf(path)
		for deadline := time.Now().Add(30 * time.Second); got != want && time.Now().Before(deadline); got = historyOf(path) {
			time.Sleep(100 * time.Millisecond)
		}
		if got != want {
			t.Fatalf("app %d: history %d, counter %d (%d answered 200, %d cut by the kill)\n%s", a.id, got, want, a.ok.Load(), a.lost.Load(), r.log())
		}
		if svc := historyOf("/stats/services/" + testenv.S(a.svc) + "/usage.json"); svc != want {
			t.Fatalf("service %d: history %d, counter %d", a.svc, svc, want)
		}
		t.Logf("app %d: counter = history = %d (%d answered 200, %d cut by the kill)", a.id, want, a.ok.Load(), a.lost.Load())
	}
	if !strings.Contains(r.log(), "applying again a batch cut short") {
		t.Fatalf("the restarted runner did not apply the recorded batch again:\n%s", r.log())
	}
	// Nothing is counted again later (a batch replayed twice, say).
	time.Sleep(time.Second)
	for _, a := range apps {
		if got, want := historyOf("/stats/applications/"+testenv.S(a.id)+"/usage.json"), counterOf(a); got != want {
			t.Fatalf("app %d: history %d, counter %d a second later", a.id, got, want)
		}
	}
	if counted == 0 {
		t.Fatal("the load counted nothing")
	}
}
