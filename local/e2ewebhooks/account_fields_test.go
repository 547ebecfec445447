package e2ewebhooks

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// The account's built-in fields are stored, rendered (JSON, XML and the
// events' XML) and kept by updates that do not send them.
func TestAccountBuiltinFields(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, true)
	acc := tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Raviga"}, "username": {"laurie"},
		"email": {"laurie@example.com"}, "password": {password}, "vat_code": {"DE123"}, "country": {"Germany"}})
	if acc["vat_code"] != "DE123" || acc["country"] != "Germany" {
		t.Fatalf("signup: %v", acc)
	}
	p := "/admin/api/accounts/" + testenv.S(testenv.ID(t, acc))
	r := tn.Do(t, "PUT", p+".json", url.Values{"telephone_number": {"+49 30 1234"}, "org_legaladdress": {"Unter den Linden 1"},
		"city": {"Berlin"}, "zip": {"10117"}, "country": {""}})
	if r.Status != 200 {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	tn.Do(t, "PUT", p+".json", url.Values{"org_name": {"Raviga Capital"}})
	got := tn.Do(t, "GET", p+".json", nil).JSON(t)["account"].(map[string]any)
	if got["org_name"] != "Raviga Capital" || got["vat_code"] != "DE123" || got["telephone_number"] != "+49 30 1234" ||
		got["org_legaladdress"] != "Unter den Linden 1" || got["city"] != "Berlin" || got["zip"] != "10117" || got["country"] != nil {
		t.Fatalf("after updates: %v", got)
	}
	x := tn.Do(t, "GET", p+".xml", nil).String()
	if !strings.Contains(x, "<org_name>Raviga Capital</org_name><org_legaladdress>Unter den Linden 1</org_legaladdress><city>Berlin</city><zip>10117</zip><telephone_number>+49 30 1234</telephone_number><vat_code>DE123</vat_code>") {
		t.Fatalf("XML: %s", x)
	}
	if r := tn.Do(t, "PUT", p+".json", url.Values{"vat_code": {strings.Repeat("x", 256)}}); r.Status != 422 {
		t.Errorf("a 256-character vat_code: %d", r.Status)
	}
	waitFor(t, 20*time.Second, "the last update's event", func() bool {
		for _, d := range rc.ok() {
			if d.Event.Action == "updated" && has(d.Event.Object.Inner, "<org_name>Raviga Capital</org_name>") &&
				has(d.Event.Object.Inner, "<vat_code>DE123</vat_code>") && has(d.Event.Object.Inner, "<city>Berlin</city>") {
				return true
			}
		}
		return false
	})
}
