package rie

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"turnpike"
	"turnpike/infra/cfn"
	"turnpike/infra/template"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/lambdafn"
	"turnpike/shared/transport/ops"
)

// rieModule is AWS's Lambda Runtime Interface Emulator, built from the module proxy.
const rieModule = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@v0.0.0-20261030222936-bef5c4ba774d"

// Every function of template.yaml runs the shared binary, built for this
// machine, under the real Lambda runtime API (the Runtime Interface
// Emulator), with the environment the template gives it, and answers its
// sample event from events/; the samples' credentials are seeded, so the
// operations pass authentication and the listings and authrep succeed.
func TestFunctionsUnderRuntimeEmulator(t *testing.T) {
	env := testenv.Get(t)
	rie := buildRIE(t)
	dir := t.TempDir()
	build := exec.Command("make", "-s", "build", "GOARCH="+runtime.GOARCH, "BUILD="+dir)
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	bootstrap := filepath.Join(dir, "bootstrap")
	seed := env.SeedSamples(t)
	if seed.IDs["tenant"] != 1 || seed.IDs["service"] != 4 {
		t.Fatalf("the samples name tenant 1 and service 4; a fresh store made tenant %d, service %d: the seed must run first on its store", seed.IDs["tenant"], seed.IDs["service"])
	}
	t.Logf("seeded ids (events/*.json use them): %v", seed.IDs)
	snapshot := env.Snapshot(t)

	tpl, err := cfn.Parse(turnpike.Template)
	if err != nil {
		t.Fatal(err)
	}
	s := env.Server.Deps.Store
	refs := map[string]string{"EntitiesTable": s.Entities, "CountersTable": s.Counters, "UsageTable": s.Usage,
		"MasterAccessToken": template.SampleMasterToken, "UsageQueue": env.Server.Deps.Usage.URL,
		"WebhookQueue": env.Server.Deps.Webhooks.Queue.URL, "GatewayDomain": "localhost",
		"ServiceManagementApi": "sm", "AWS::Region": "us-east-1", "AWS::URLSuffix": "amazonaws.com"}
	base := []string{"DYNAMODB_ENDPOINT=" + env.Server.Stack.DynamoDBEndpoint, "SQS_ENDPOINT=" + env.Server.Stack.SQSEndpoint,
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"GATEWAY_ALLOW_PRIVATE=1"} // the gateway sample's upstream is the local Echo API, on loopback as in the local stack
	globals := tpl.Globals["Function"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)

	type result struct {
		name, kind string
		status     int
		body       string
		init       string
		err        error
	}
	var jobs []result
	for _, id := range tpl.OfType("AWS::Serverless::Function") {
		vars := tpl.Resources[id].Properties["Environment"].(map[string]any)["Variables"].(map[string]any)
		jobs = append(jobs, result{name: fmt.Sprint(vars[lambdafn.FunctionVariable])})
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].name < jobs[j].name })

	run := func(r *result) {
		fn := tpl.Resources[template.LogicalID(r.name)]
		vars := fn.Properties["Environment"].(map[string]any)["Variables"].(map[string]any)
		environ := append([]string(nil), base...)
		for _, m := range []map[string]any{globals, vars} {
			for k, v := range m {
				val, err := resolve(v, refs)
				if err != nil {
					r.err = fmt.Errorf("%s: %w", k, err)
					return
				}
				environ = append(environ, k+"="+val)
			}
		}
		event, err := os.ReadFile(filepath.Join("..", "..", "events", r.name+".json"))
		if err != nil {
			r.err = err
			return
		}
		out, log, err := invoke(rie, bootstrap, environ, event)
		if err != nil {
			r.err = fmt.Errorf("%v\n%s", err, log)
			return
		}
		// The emulator's REPORT line carries no real init duration; its INIT REPORT does.
		if m := regexp.MustCompile(`INIT REPORT\(durationMs: ([0-9.]+)\)`).FindStringSubmatch(log); m != nil {
			r.init = m[1] + " ms"
		}
		if _, isSchedule := ops.FindSchedule(r.name); isSchedule {
			r.kind = "schedule"
			if bytes.Contains(out, []byte("errorMessage")) {
				r.err = fmt.Errorf("scheduled function answered %s\n%s", out, log)
			}
			return
		}
		if _, isStream := ops.FindStream(r.name); isStream {
			r.kind = "stream" // answers null; an error comes back as errorMessage, and Lambda would retry the batch
			if bytes.Contains(out, []byte("errorMessage")) {
				r.err = fmt.Errorf("stream consumer answered %s\n%s", out, log)
			}
			return
		}
		if _, isConsumer := ops.FindConsumer(r.name); isConsumer {
			r.kind = "consumer"
			var res struct {
				BatchItemFailures []any `json:"batchItemFailures"`
			}
			if err := json.Unmarshal(out, &res); err != nil || len(res.BatchItemFailures) > 0 || bytes.Contains(out, []byte("errorMessage")) {
				r.err = fmt.Errorf("consumer answered %s\n%s", out, log)
			}
			return
		}
		if _, isSchedule := ops.FindSchedule(r.name); isSchedule {
			r.kind = "schedule" // answers nothing; an error comes back as errorMessage
			if bytes.Contains(out, []byte("errorMessage")) {
				r.err = fmt.Errorf("scheduled function answered %s\n%s", out, log)
			}
			return
		}
		if _, isAuthorizer := ops.FindAuthorizer(r.name); isAuthorizer {
			// A simple response: API Gateway lets the call through on isAuthorized.
			r.kind = "authorizer"
			var res struct {
				IsAuthorized *bool          `json:"isAuthorized"`
				Context      map[string]any `json:"context"`
			}
			if err := json.Unmarshal(out, &res); err != nil || res.IsAuthorized == nil || !*res.IsAuthorized || res.Context["usage"] == nil {
				r.err = fmt.Errorf("the authorizer did not authorize its sample: %s\n%s", out, log)
			}
			return
		}
		r.kind = "http"
		var res struct {
			StatusCode int    `json:"statusCode"`
			Body       string `json:"body"`
		}
		if err := json.Unmarshal(out, &res); err != nil || res.StatusCode == 0 {
			r.err = fmt.Errorf("not an HTTP API response: %s\n%s", out, log)
			return
		}
		r.status, r.body = res.StatusCode, res.Body
	}
	// One emulator at a time: each run is a process start, an init and one
	// call, about a fifth of a second; a run that loses a port it picked to
	// another process is tried once more. After each run the tables go back
	// to the seed, so every sample meets the same store whatever ran before
	// it (delete-service does not take read-service's service away).
	consumerErrors := ""
	for i := range jobs {
		run(&jobs[i])
		if jobs[i].err != nil || jobs[i].init == "" {
			snapshot.Restore(t)
			jobs[i] = result{name: jobs[i].name}
			run(&jobs[i])
		}
		if jobs[i].kind == "consumer" {
			// The consumer applied the sample report: a report it could not
			// resolve would have left an integration error on the service.
			res := seed.Tenant.Do(t, "GET", "/admin/api/services/"+testenv.S(seed.Tenant.DefaultService)+"/errors.json", nil)
			if errs, _ := res.JSON(t)["errors"].([]any); res.Status != 200 || len(errs) > 0 {
				consumerErrors = fmt.Sprintf("%d %s", res.Status, res)
			}
		}
		snapshot.Restore(t)
	}

	info, _ := os.Stat(bootstrap)
	t.Logf("shared binary (%s/%s): %d bytes", runtime.GOOS, runtime.GOARCH, info.Size())
	ok2xx := 0
	for _, r := range jobs {
		t.Logf("%-40s %-8s status %3d  init %s", r.name, r.kind, r.status, r.init)
		want := expectedStatus(r.name)
		switch {
		case r.err != nil:
			t.Errorf("%s: %v", r.name, r.err)
		case r.kind == "http" && r.status != want:
			t.Errorf("events/%s.json answered %d, not %d: %s\n%s", r.name, r.status, want, oneLine(r.body), howToFix(r.name, r.status, want))
		case r.init == "":
			t.Errorf("%s: the emulator reported no init duration", r.name)
		}
		if r.status >= 200 && r.status < 300 {
			ok2xx++
		}
	}
	t.Logf("%d of %d functions answered 2xx", ok2xx, len(jobs))
	if consumerErrors != "" {
		t.Errorf("the usage consumer did not apply the sample report: integration errors %s", consumerErrors)
	}
}

// expectedStatus is what 3scale answers an operation's sample: 201 for a
// POST that creates, 202 for a report, 200 otherwise.
func expectedStatus(name string) int {
	if s, ok := statusOf[name]; ok {
		return s
	}
	if op, ok := ops.Find(name); ok && op.Method == "POST" {
		return 201
	}
	return 200
}

// statusOf lists the operations whose success is not the default of their method.
var statusOf = map[string]int{
	"report":           202,
	"preflight":        204, // CORS preflight, no content
	"preflight-report": 204,
	"purge-tenant":     200, // the sample is a dry run: it counts, it creates nothing
}

// howToFix tells the author of a sample what to change.
func howToFix(name string, got, want int) string {
	var hint string
	switch got {
	case 401, 403:
		hint = "the sample's credentials were refused: use those of infra/template/scaffold.go (SampleAccessToken, SampleProviderKey, SampleUserKey, ...)"
	case 404:
		hint = "the sample names something the seed does not hold: put in its path the ids logged above (\"seeded ids\"), or seed what it needs in SeedSamples (shared/localdev/testenv/samples.go) and use the id it logs"
	case 422, 400:
		hint = "the sample's request is incomplete or invalid: give its \"body\" (form-encoded, as a client sends it) the parameters the operation requires; if it needs an entity in a given state, seed one in SeedSamples (shared/localdev/testenv/samples.go)"
	case 409:
		hint = "the seeded entity is not in the state the operation needs: seed one that is, in SeedSamples (shared/localdev/testenv/samples.go), and name it in the sample"
	default:
		hint = "make the sample a request that succeeds against SeedSamples (shared/localdev/testenv/samples.go)"
	}
	return fmt.Sprintf("  To fix: %s. If %d really is this operation's success status in 3scale, add %q: %d to statusOf in local/rie/rie_test.go.\n  Try it: go test ./local/rie -run TestFunctionsUnderRuntimeEmulator -v", hint, got, name, got)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// resolve turns a template environment value into its local value.
func resolve(v any, refs map[string]string) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case map[string]any:
		if r, ok := x["Ref"].(string); ok {
			if val, ok := refs[r]; ok {
				return val, nil
			}
			return "", fmt.Errorf("no local value for !Ref %s", r)
		}
		if sub, ok := x["Fn::Sub"].(string); ok {
			var missing error
			out := regexp.MustCompile(`\$\{([A-Za-z0-9:]+)\}`).ReplaceAllStringFunc(sub, func(m string) string {
				name := m[2 : len(m)-1]
				if val, ok := refs[name]; ok {
					return val
				}
				missing = fmt.Errorf("no local value for ${%s} in !Sub %s", name, sub)
				return m
			})
			return out, missing
		}
	}
	return "", fmt.Errorf("unsupported value %v", v)
}

// buildRIE builds the emulator once per machine, in the user's cache.
func buildRIE(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin := filepath.Join(cache, "turnpike", "rie-"+rieModule[strings.LastIndex(rieModule, "-")+1:])
	path := filepath.Join(bin, "aws-lambda-rie")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	cmd := exec.Command("go", "install", rieModule)
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the Runtime Interface Emulator (go install %s; needs the Go module proxy): %v\n%s", rieModule, err, out)
	}
	return path
}

// invoke starts the emulator with the function's binary and environment,
// sends one event and returns the answer and the emulator's log.
func invoke(rie, bootstrap string, environ []string, event []byte) ([]byte, string, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	runtimeAPI, err := freeAddr() // the default, 127.0.0.1:9001, would be shared by concurrent emulators
	if err != nil {
		return nil, "", err
	}
	var log bytes.Buffer
	cmd := exec.Command(rie, "--runtime-interface-emulator-address", addr, "--runtime-api-address", runtimeAPI, bootstrap)
	cmd.Env = environ
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the emulator's child, the function, goes with it
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	defer func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	endpoint := "http://" + addr + "/2015-03-31/functions/function/invocations"
	for {
		req, _ := http.NewRequestWithContext(ctx, "POST", endpoint, bytes.NewReader(event))
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			var out bytes.Buffer
			_, err = out.ReadFrom(res.Body)
			res.Body.Close()
			return out.Bytes(), log.String(), err
		}
		if ctx.Err() != nil {
			return nil, log.String(), fmt.Errorf("the emulator did not answer on %s: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
