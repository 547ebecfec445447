package e2e

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

var readmeBlock = regexp.MustCompile("(?s)<!-- (quickstart|catalog|bizops|webhooks|tenants|gateway) -->\n```bash\n(.*?)```")

// The README's scripts — quickstart, catalog, bizops, webhooks, tenants, gateway — pasted in order into
// one bash against the local stack, print what the README says they print.
func TestReadmeScripts(t *testing.T) {
	env := testenv.Get(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) != 6 {
		t.Fatalf("README.md has %d of its 6 scripts", len(blocks))
	}
	var script strings.Builder
	for _, b := range blocks {
		script.WriteString(b[2])
	}
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script.String())
	cmd.Env = append(os.Environ(), "TURNPIKE="+env.URL, "MASTER_ACCESS_TOKEN="+testenv.MasterToken,
		"GATEWAY="+env.GatewayURL, "ECHO_API="+env.EchoURL)
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil {
		t.Fatalf("the README's scripts failed: %v\n%s", err, out)
	}
	want := []string{
		"200\n200\n200\n409\n", "<reason>usage limits are exceeded</reason>", "<max_value>3</max_value><current_value>3</current_value>",
		"test #5: 200\ntest #6: 409", "v2: 409", "v1: 200",
		"account Hooli: approved", "application Hooli XYZ: live", "plan: basic", "custom test limit: 50", "message: sent",
		"found application Hooli XYZ of account", "suspended\nsuspended: 409", "live\nresumed: 200",
		"deleted: 200", "deleted key: 403", "unsubscribed account",
		"<event><action>updated</action><type>account</type>", "account updated: delivered, 1 attempt(s)",
		`{"webhooks-failures":[]}`,
		"created globex-admin.turnpike.local: approved", "state: suspended\nadmin API: 403", "state: approved\nadmin API: 200",
		"scheduled: 200", "state: scheduled_for_deletion, deletion date: 20", "would erase 1 tenant, 1 service",
		"purged: true", "after the purge: 404", "audit: Globex purged by master access token",
		"call #5: 200\ncall #6: 429", "v2: 403", "unmapped: 404", "no key: 403", "\nAuthentication failed\n", "promoted version 1",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	for _, m := range regexp.MustCompile(`unsubscribed account \d+: (\d+)`).FindAllStringSubmatch(text, -1) {
		if m[1] != "200" {
			t.Errorf("an unsubscription answered %s", m[1])
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", text)
	}
}
