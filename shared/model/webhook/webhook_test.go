package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestWants(t *testing.T) {
	c := &Config{URL: "https://x.example.com", Active: true, On: map[string]bool{"account_created_on": true}}
	for _, tc := range []struct {
		typ, action string
		byProvider  bool
		want        bool
	}{
		{"account", "created", false, true},
		{"account", "created", true, false}, // provider_actions off
		{"account", "updated", false, false},
	} {
		if got := c.Wants(tc.typ, tc.action, tc.byProvider); got != tc.want {
			t.Errorf("%+v: %v", tc, got)
		}
	}
	c.ProviderActions = true
	if !c.Wants("account", "created", true) {
		t.Error("provider_actions on")
	}
	c.Active = false
	if c.Wants("account", "created", false) {
		t.Error("inactive")
	}
}

func TestHeadersAndEnvelope(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	body := Envelope("user", "created", []byte("<user><id>1</id></user>"))
	if string(body) != `<?xml version="1.0" encoding="UTF-8"?><event><action>created</action><type>user</type><object><user><id>1</id></user></object></event>` {
		t.Fatalf("envelope: %s", body)
	}
	h := Headers(secret, "msg_1", time.Unix(1700000000, 0), body)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("msg_1.1700000000." + string(body)))
	if h["webhook-signature"] != "v1,"+base64.StdEncoding.EncodeToString(m.Sum(nil)) || h["webhook-timestamp"] != "1700000000" {
		t.Fatalf("headers: %v", h)
	}
	c := &Config{Secret: secret}
	if !strings.HasPrefix(c.SecretText(), "whsec_") {
		t.Fatal(c.SecretText())
	}
}
