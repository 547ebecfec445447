// Package proxy is a product's gateway configuration: the proxy settings
// (public and private base URLs, where credentials are read, the gateway's
// error answers), its mapping rules, the versioned configs the gateway
// serves, and how a request is matched against mapping rules.
package proxy

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"

	"turnpike/shared/platform/store"
)

// Proxy is a product's gateway settings and its draft mapping rules, one item:
// every edit is one conditional write on Rev, so positions stay consistent.
type Proxy struct {
	store.Key
	ID                  int64      `dynamodbav:"id"`
	Tenant              int64      `dynamodbav:"tenant"`
	Service             int64      `dynamodbav:"service"`
	Endpoint            string     `dynamodbav:"endpoint,omitempty"`
	SandboxEndpoint     string     `dynamodbav:"sandbox_endpoint,omitempty"`
	APIBackend          string     `dynamodbav:"api_backend,omitempty"` // private base URL; "" = unset
	CredentialsLocation string     `dynamodbav:"credentials_location"`
	AuthUserKey         string     `dynamodbav:"auth_user_key"`
	AuthAppID           string     `dynamodbav:"auth_app_id"`
	AuthAppKey          string     `dynamodbav:"auth_app_key"`
	SecretToken         string     `dynamodbav:"secret_token"`
	HostnameRewrite     string     `dynamodbav:"hostname_rewrite,omitempty"`
	OAuthLoginURL       string     `dynamodbav:"oauth_login_url,omitempty"`
	APITestPath         string     `dynamodbav:"api_test_path,omitempty"`
	Errors              ErrorSet   `dynamodbav:"errors"`
	DeployedAt          *time.Time `dynamodbav:"deployed_at,omitempty"`
	LockVersion         int64      `dynamodbav:"lock_version"`
	Rules               []Rule     `dynamodbav:"rules"`
	Rev                 int64      `dynamodbav:"rev"` // bumped by every write (optimistic concurrency)
	CreatedAt           time.Time  `dynamodbav:"created_at"`
	UpdatedAt           time.Time  `dynamodbav:"updated_at"`
}

// Answer is one configurable gateway error answer.
type Answer struct {
	Message     string `dynamodbav:"message" json:"message"`
	Status      int    `dynamodbav:"status" json:"status"`
	ContentType string `dynamodbav:"content_type" json:"content_type"`
}

// ErrorSet are the four configurable answers.
type ErrorSet struct {
	AuthFailed     Answer `dynamodbav:"auth_failed"`
	AuthMissing    Answer `dynamodbav:"auth_missing"`
	NoMatch        Answer `dynamodbav:"no_match"`
	LimitsExceeded Answer `dynamodbav:"limits_exceeded"`
}

// DefaultContentType is porta's default for every error answer.
const DefaultContentType = "text/plain; charset=us-ascii"

// DefaultErrors are porta's defaults (not APIcast's fallbacks).
func DefaultErrors() ErrorSet {
	return ErrorSet{
		AuthFailed:     Answer{"Authentication failed", 403, DefaultContentType},
		AuthMissing:    Answer{"Authentication parameters missing", 403, DefaultContentType},
		NoMatch:        Answer{"No Mapping Rule matched", 404, DefaultContentType},
		LimitsExceeded: Answer{"Usage limit exceeded", 429, DefaultContentType},
	}
}

// Key is a product's proxy item.
func Key(tenant, service int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("PROXY", service)}
}

// Product is what the proxy needs to know about its product.
type Product struct {
	ID, Tenant       int64
	Name, SystemName string
	Description      string
	State            string
	BackendVersion   string
	DeploymentOption string
	SupportEmail     string
	TenantSubdomain  string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Hosted tells whether the product's gateway is run by Turnpike (public base
// URLs are then generated and required).
func (p *Product) Hosted() bool { return p.DeploymentOption == "" || p.DeploymentOption == "hosted" }

// New is the proxy a product gets: porta's defaults and the catch-all GET / →
// hits rule (ruleID, hitsID).
func New(p *Product, id, ruleID, hitsID int64, domain string, now time.Time) *Proxy {
	px := &Proxy{Key: Key(p.Tenant, p.ID), ID: id, Tenant: p.Tenant, Service: p.ID,
		CredentialsLocation: "query", AuthUserKey: "user_key", AuthAppID: "app_id", AuthAppKey: "app_key",
		SecretToken: "Shared_secret_sent_from_proxy_to_API_backend_" + randomHex(8), APITestPath: "/",
		Errors: DefaultErrors(), CreatedAt: now, UpdatedAt: now}
	if p.Hosted() && domain != "" {
		base := hostLabel(p.SystemName) + "-" + hostLabel(p.TenantSubdomain) + "-apicast-"
		px.Endpoint = "https://" + base + "production." + domain + ":443"
		px.SandboxEndpoint = "https://" + base + "staging." + domain + ":443"
	}
	if hitsID != 0 {
		px.Rules = []Rule{{ID: ruleID, MetricID: hitsID, Pattern: "/", HTTPMethod: "GET", Delta: 1, Position: 1, CreatedAt: now, UpdatedAt: now}}
	}
	return px
}

// hostLabel turns a system name into a DNS label ("echo_api" → "echo-api").
func hostLabel(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Host is the lower-cased host (no port) of a base URL, "" if it has none.
func Host(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// Rule finds a rule by id.
func (px *Proxy) Rule(id int64) (*Rule, bool) {
	for i := range px.Rules {
		if px.Rules[i].ID == id {
			return &px.Rules[i], true
		}
	}
	return nil, false
}

// ErrRuleNotFound means no rule of the product has the id.
var ErrRuleNotFound = errors.New("proxy: mapping rule not found")

// AddRule inserts a rule: without a position at the bottom (max + 1), with
// one at that position, the rules at or below it moving down by one.
func (px *Proxy) AddRule(r Rule, position int64) {
	if position <= 0 {
		r.Position = px.maxPosition() + 1
	} else {
		r.Position = position
		for i := range px.Rules {
			if px.Rules[i].Position >= position {
				px.Rules[i].Position++
			}
		}
	}
	px.Rules = append(px.Rules, r)
	px.sortRules()
}

// MoveRule puts a rule at a new position, shifting the rules in between.
func (px *Proxy) MoveRule(id, position int64) {
	r, ok := px.Rule(id)
	if !ok || r.Position == position {
		return
	}
	from := r.Position
	for i := range px.Rules {
		q := &px.Rules[i]
		if q.ID == id {
			continue
		}
		if position < from && q.Position >= position && q.Position < from {
			q.Position++
		} else if position > from && q.Position > from && q.Position <= position {
			q.Position--
		}
	}
	r.Position = position
	px.sortRules()
}

// DeleteRule removes a rule; the rules below it move up by one.
func (px *Proxy) DeleteRule(id int64) error {
	r, ok := px.Rule(id)
	if !ok {
		return ErrRuleNotFound
	}
	at := r.Position
	out := px.Rules[:0]
	for _, q := range px.Rules {
		if q.ID == id {
			continue
		}
		if q.Position > at {
			q.Position--
		}
		out = append(out, q)
	}
	px.Rules = out
	return nil
}

func (px *Proxy) maxPosition() int64 {
	var m int64
	for _, r := range px.Rules {
		if r.Position > m {
			m = r.Position
		}
	}
	return m
}

// sortRules keeps rules in position order, then id (stable for equal positions).
func (px *Proxy) sortRules() {
	rs := px.Rules
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && less(rs[j], rs[j-1]); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

func less(a, b Rule) bool {
	if a.Position != b.Position {
		return a.Position < b.Position
	}
	return a.ID < b.ID
}

// MaxRules bounds a product's mapping rules: they live in one item.
const MaxRules = 1000
