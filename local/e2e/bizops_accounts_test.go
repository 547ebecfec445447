package e2e

import (
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

var accShellBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")

// The curl scripts of docs/bizops-accounts.md, run in order against a fresh
// tenant: add a developer, approve pending accounts, contact the developer.
func TestBizopsAccountsScripts(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	doc, err := os.ReadFile("../../docs/bizops-accounts.md")
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	script.WriteString("set -euo pipefail\n")
	for _, m := range accShellBlock.FindAllStringSubmatch(string(doc), -1) {
		script.WriteString(m[1] + "\n")
	}
	cmd := exec.Command("bash", "-c", script.String())
	cmd.Env = append(os.Environ(), "TURNPIKE="+env.URL, "TOKEN="+tn.Token)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the scripts failed (%v):\n%s", err, out)
	}
	want := []string{
		"Pied Piper",                  // find
		"true",                        // approval required
		"pending\npending",            // two portal signups wait
		"gilfoyle's garage: approved", // approved
		"dinesh's garage: approved",   // approved
		"sent",                        // message
		"Scheduled maintenance",       // the account's messages
		"queued to richard@piedpiper.example: Scheduled maintenance", // the outbox
	}
	text := string(out)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Fatalf("output lacks %q:\n%s", w, text)
		}
	}
	// What the scripts did, seen through the API.
	r := tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {"pending"}})
	if n := len(items(t, r, "accounts", "account")); n != 0 {
		t.Fatalf("%d accounts still pending", n)
	}
	r = tn.Do(t, "GET", "/admin/api/accounts.json", url.Values{"state": {"approved"}})
	if n := len(items(t, r, "accounts", "account")); n != 3 {
		t.Fatalf("%d accounts approved, want 3: %s", n, r.Body)
	}
	r = tn.Do(t, "GET", "/admin/api/accounts/find.json", url.Values{"email": {"richard@piedpiper.example"}})
	acc := obj(t, r, "account")
	msgs := items(t, tn.Do(t, "GET", "/admin/api/accounts/"+testenv.S(num(t, acc, "id"))+"/messages.json", nil), "messages", "message")
	if len(msgs) != 1 || msgs[0]["body"] != "The API will be read-only on Sunday from 02:00 to 04:00 UTC." {
		t.Fatalf("messages: %v", msgs)
	}
	invited := false
	for _, e := range accOutbox(t, tn) {
		invited = invited || e["to"] == "jared@piedpiper.example" && e["subject"] == "Invitation to join Pied Piper"
	}
	if !invited {
		t.Fatal("no invitation emailed")
	}
}
