package e2e

import (
	"encoding/json"
	"encoding/pem"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"turnpike/shared/localdev/emulators"
	"turnpike/shared/localdev/testenv"
)

// nodeResult is what local/client-test/drive.js prints per call.
type nodeResult struct {
	Call         string `json:"call"`
	Success      bool   `json:"success"`
	Status       int    `json:"status"`
	Plan         string `json:"plan"`
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
	UsageReports []struct {
		Period       string `json:"period"`
		Metric       string `json:"metric"`
		CurrentValue string `json:"current_value"`
		MaxValue     string `json:"max_value"`
	} `json:"usage_reports"`
}

// The real 3scale Node.js client (npm "3scale", pinned in local/client-test)
// authorizes, authreps and reports against Turnpike. It speaks HTTPS only:
// the router is served over TLS with a test certificate the client trusts.
func TestSMNodeClient(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	dir := clientTestDir(t)
	hs := httptest.NewTLSServer(f.env.Server.Handler)
	defer hs.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hs.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(hs.URL)
	cmd := exec.Command("node", "drive.js")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "HOST="+u.Hostname(), "PORT="+u.Port(),
		"PROVIDER_KEY="+f.tn.ProviderKey, "SERVICE_ID="+testenv.S(f.svc), "APP_ID="+f.app.AppID)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node drive.js: %v\n%s", err, stderr)
	}
	var res []nodeResult
	if err := json.Unmarshal(out, &res); err != nil || len(res) != 5 {
		t.Fatalf("client output: %v %s", err, out)
	}
	day := func(r nodeResult) string {
		for _, u := range r.UsageReports {
			if u.Metric == "hits" && u.Period == "day" {
				return u.CurrentValue + "/" + u.MaxValue
			}
		}
		return "none"
	}
	if a := res[0]; !a.Success || a.Status != 200 || a.Plan != "Basic" || day(a) != "0/100" {
		t.Fatalf("authorize: %+v", a)
	}
	if a := res[1]; !a.Success || a.Status != 200 || day(a) != "2/100" {
		t.Fatalf("authrep: %+v", a)
	}
	if a := res[2]; !a.Success || a.Status != 202 {
		t.Fatalf("report: %+v", a)
	}
	if a := res[3]; a.Success || a.Status != 404 || a.ErrorCode != "application_not_found" || a.ErrorMessage != `application with id="boo" was not found` {
		t.Fatalf("unknown app: %+v", a)
	}
	if a := res[4]; a.Success || a.Status != 409 || a.ErrorMessage != "usage limits are exceeded" {
		t.Fatalf("over the limit: %+v", a)
	}
	f.await("<max_value>100</max_value><current_value>6</current_value>")
}

// clientTestDir installs the pinned client (npm ci) when needed.
func clientTestDir(t *testing.T) string {
	t.Helper()
	root, err := emulators.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "local", "client-test")
	lock, _ := os.Stat(filepath.Join(dir, "package-lock.json"))
	done, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if err != nil || lock == nil || done.ModTime().Before(lock.ModTime()) {
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	return dir
}
