package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"turnpike/shared/testenv"
)

// The README's quickstart, pasted into bash against the local stack, ends with
// three 200s, a 409 and the refused call's status document.
func TestReadmeQuickstart(t *testing.T) {
	env := testenv.Get(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "<!-- quickstart -->\n```bash\n")
	if !ok {
		t.Fatal("README.md has no quickstart block")
	}
	script, _, _ := strings.Cut(after, "```")
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Env = append(os.Environ(), "TURNPIKE="+env.URL, "MASTER_ACCESS_TOKEN="+testenv.MasterToken)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("quickstart failed: %v\n%s", err, out)
	}
	want := "200\n200\n200\n409\n"
	if !strings.HasPrefix(string(out), want) || !strings.Contains(string(out), "<reason>usage limits are exceeded</reason>") ||
		!strings.Contains(string(out), "<max_value>3</max_value><current_value>3</current_value>") {
		t.Fatalf("quickstart output:\n%s", out)
	}
}
