package e2ewebhooks

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/webhook"
)

// PUT and GET /admin/api/webhooks.json: 3scale's fields, every switch, the
// signing secret as whsec_<base64>, kept between reads and changed by rotation.
func TestWebhookConfig(t *testing.T) {
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "GET", "/admin/api/webhooks.json", nil)
	if r.Status != 200 {
		t.Fatalf("GET: %d %s", r.Status, r.Body)
	}
	w := r.JSON(t)["webhook"].(map[string]any)
	if w["active"] != false || w["url"] != "" || w["provider_actions"] != false {
		t.Errorf("default configuration: %v", w)
	}
	for _, s := range webhook.Switches {
		if w[s] != false {
			t.Errorf("%s = %v by default", s, w[s])
		}
	}
	secret, _ := w["secret"].(string)
	if !strings.HasPrefix(secret, "whsec_") || len(secret) < 40 {
		t.Fatalf("secret %q", secret)
	}
	if again := tn.Do(t, "GET", "/admin/api/webhooks.json", nil).JSON(t)["webhook"].(map[string]any)["secret"]; again != secret {
		t.Errorf("the secret changed between two reads")
	}

	r = tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"url": {"https://crm.example.com/hooks"}, "active": {"true"},
		"provider_actions": {"1"}, "account_created_on": {"true"}, "application_key_deleted_on": {"true"}})
	if r.Status != 200 {
		t.Fatalf("PUT: %d %s", r.Status, r.Body)
	}
	w = tn.Do(t, "GET", "/admin/api/webhooks.json", nil).JSON(t)["webhook"].(map[string]any)
	if w["url"] != "https://crm.example.com/hooks" || w["active"] != true || w["provider_actions"] != true ||
		w["account_created_on"] != true || w["application_key_deleted_on"] != true || w["user_created_on"] != false {
		t.Errorf("after PUT: %v", w)
	}
	// Only what is sent changes.
	tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"account_created_on": {"false"}})
	w = tn.Do(t, "GET", "/admin/api/webhooks.json", nil).JSON(t)["webhook"].(map[string]any)
	if w["account_created_on"] != false || w["application_key_deleted_on"] != true || w["url"] != "https://crm.example.com/hooks" {
		t.Errorf("after a partial PUT: %v", w)
	}

	// Refused: an active webhook needs an http(s) URL; a non-boolean switch; XML.
	for _, bad := range []url.Values{{"url": {"ftp://x.example.com"}}, {"url": {""}}, {"active": {"maybe"}}} {
		if r := tn.Do(t, "PUT", "/admin/api/webhooks.json", bad); r.Status != 422 {
			t.Errorf("PUT %v: %d %s", bad, r.Status, r.Body)
		}
	}
	if r := tn.Do(t, "GET", "/admin/api/webhooks.xml", nil); r.Status != 406 {
		t.Errorf("GET webhooks.xml: %d", r.Status)
	}
	if r := env.Do(t, "GET", "/admin/api/webhooks.json", nil); r.Status != 403 && r.Status != 401 {
		t.Errorf("GET without credentials: %d", r.Status)
	}

	r = tn.Do(t, "PUT", "/admin/api/webhooks/secret/rotate.json", nil)
	if r.Status != 200 {
		t.Fatalf("rotate: %d %s", r.Status, r.Body)
	}
	rotated := r.JSON(t)["webhook"].(map[string]any)["secret"]
	if rotated == secret || !strings.HasPrefix(rotated.(string), "whsec_") {
		t.Errorf("rotated secret %v (was %v)", rotated, secret)
	}
	if now := tn.Do(t, "GET", "/admin/api/webhooks.json", nil).JSON(t)["webhook"].(map[string]any)["secret"]; now != rotated {
		t.Errorf("GET after rotation shows %v", now)
	}
}
