package proxy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"time"

	"turnpike/shared/platform/store"
)

// Environments.
const (
	Sandbox    = "sandbox"
	Production = "production"
)

// Env reads an environment path segment ("staging" is sandbox's alias).
func Env(s string) (string, bool) {
	switch s {
	case "sandbox", "staging":
		return Sandbox, true
	case "production":
		return Production, true
	}
	return "", false
}

// Config is one immutable, versioned gateway configuration of a product.
type Config struct {
	store.Key
	ID          int64     `dynamodbav:"id"`
	Tenant      int64     `dynamodbav:"tenant"`
	Service     int64     `dynamodbav:"service"`
	Version     int64     `dynamodbav:"ver"`
	Environment string    `dynamodbav:"environment"`
	Content     string    `dynamodbav:"content"` // the JSON document a gateway loads
	CreatedAt   time.Time `dynamodbav:"created_at"`
}

// ConfigPrefix selects a product's configs of one environment (all with env "").
func ConfigPrefix(service int64, env string) string {
	p := "PCFG#" + store.ID(service) + "#"
	if env != "" {
		p += env + "#"
	}
	return p
}

// ConfigKey is one config version.
func ConfigKey(tenant, service int64, env string, version int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: ConfigPrefix(service, env) + store.ID(version)}
}

// HeadKey is the copy of an environment's newest config: what the gateway reads.
func HeadKey(tenant, service int64, env string) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: "PCFGHEAD#" + store.ID(service) + "#" + env}
}

// Configs lists a product's configs of an environment in version order.
func Configs(ctx context.Context, s *store.Store, tenant, service int64, env string) ([]*Config, error) {
	var out []*Config
	err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: ConfigPrefix(service, env)}, &out)
	return out, err
}

// AllConfigs lists every config of a tenant in an environment, by id.
func AllConfigs(ctx context.Context, s *store.Store, tenant int64, env string) ([]*Config, error) {
	var all []*Config
	if err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: "PCFG#"}, &all); err != nil {
		return nil, err
	}
	out := all[:0]
	for _, c := range all {
		if c.Environment == env {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Head reads the newest config of an environment (store.ErrNotFound if none).
func Head(ctx context.Context, s *store.Store, tenant, service int64, env string) (*Config, error) {
	var c Config
	k := HeadKey(tenant, service, env)
	if err := s.Get(ctx, k.PK, k.SK, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// ErrVersionTaken means the target environment already has that version.
var ErrVersionTaken = errors.New("proxy: version has already been taken")

// DeployStaging stores doc as the next sandbox version unless it equals the
// newest one; it reports whether a version was created.
func DeployStaging(ctx context.Context, s *store.Store, tenant, service int64, doc []byte, now time.Time) (bool, error) {
	created := false
	err := store.Optimistic(ctx, func() error {
		cur, err := Head(ctx, s, tenant, service, Sandbox)
		var ver int64
		switch {
		case err == nil:
			if bytes.Equal([]byte(cur.Content), doc) {
				return nil
			}
			ver = cur.Version
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		id, err := s.NextID(ctx)
		if err != nil {
			return err
		}
		c := &Config{Key: ConfigKey(tenant, service, Sandbox, ver+1), ID: id, Tenant: tenant, Service: service,
			Version: ver + 1, Environment: Sandbox, Content: string(doc), CreatedAt: now}
		head := *c
		head.Key = HeadKey(tenant, service, Sandbox)
		if err := s.Tx(tenant).Create(c, store.ErrStale).PutIfNewer(&head, c.Version).Commit(ctx); err != nil {
			return err
		}
		created = true
		return nil
	})
	return created, err
}

// Promote copies a config into another environment, keeping its version.
func Promote(ctx context.Context, s *store.Store, c *Config, to string, now time.Time) (*Config, error) {
	id, err := s.NextID(ctx)
	if err != nil {
		return nil, err
	}
	cp := *c
	cp.Key, cp.ID, cp.Environment, cp.CreatedAt = ConfigKey(c.Tenant, c.Service, to, c.Version), id, to, now
	if err := s.Tx(c.Tenant).Create(&cp, ErrVersionTaken).Commit(ctx); err != nil {
		return nil, err
	}
	head := cp
	head.Key = HeadKey(c.Tenant, c.Service, to)
	// Latest is the highest number: promoting an older version leaves the head.
	if err := s.Tx(c.Tenant).PutIfNewer(&head, cp.Version).Commit(ctx); err != nil && !errors.Is(err, store.ErrStale) {
		return nil, err
	}
	return &cp, nil
}

// Document is the config a gateway loads: the product, its proxy and its
// mapping rules, in porta's shape (a subset of the product's columns).
type Document struct {
	ID                         int64     `json:"id"`
	AccountID                  int64     `json:"account_id"`
	Name                       string    `json:"name"`
	Description                *string   `json:"description"`
	SystemName                 string    `json:"system_name"`
	BackendVersion             string    `json:"backend_version"`
	DeploymentOption           string    `json:"deployment_option"`
	State                      string    `json:"state"`
	SupportEmail               *string   `json:"support_email"`
	TenantID                   int64     `json:"tenant_id"`
	CreatedAt                  time.Time `json:"created_at"`
	UpdatedAt                  time.Time `json:"updated_at"`
	Proxiable                  bool      `json:"proxiable?"`
	BackendAuthenticationType  string    `json:"backend_authentication_type"`
	BackendAuthenticationValue string    `json:"backend_authentication_value"`
	Proxy                      DocProxy  `json:"proxy"`
}

// DocProxy is the proxy inside a config document.
type DocProxy struct {
	ID                         int64          `json:"id"`
	TenantID                   int64          `json:"tenant_id"`
	ServiceID                  int64          `json:"service_id"`
	Endpoint                   *string        `json:"endpoint"`
	SandboxEndpoint            *string        `json:"sandbox_endpoint"`
	APIBackend                 *string        `json:"api_backend"`
	AuthAppKey                 string         `json:"auth_app_key"`
	AuthAppID                  string         `json:"auth_app_id"`
	AuthUserKey                string         `json:"auth_user_key"`
	CredentialsLocation        string         `json:"credentials_location"`
	ErrorAuthFailed            string         `json:"error_auth_failed"`
	ErrorAuthMissing           string         `json:"error_auth_missing"`
	ErrorStatusAuthFailed      int            `json:"error_status_auth_failed"`
	ErrorHeadersAuthFailed     string         `json:"error_headers_auth_failed"`
	ErrorStatusAuthMissing     int            `json:"error_status_auth_missing"`
	ErrorHeadersAuthMissing    string         `json:"error_headers_auth_missing"`
	ErrorNoMatch               string         `json:"error_no_match"`
	ErrorStatusNoMatch         int            `json:"error_status_no_match"`
	ErrorHeadersNoMatch        string         `json:"error_headers_no_match"`
	ErrorLimitsExceeded        string         `json:"error_limits_exceeded"`
	ErrorStatusLimitsExceeded  int            `json:"error_status_limits_exceeded"`
	ErrorHeadersLimitsExceeded string         `json:"error_headers_limits_exceeded"`
	SecretToken                string         `json:"secret_token"`
	HostnameRewrite            *string        `json:"hostname_rewrite"`
	APITestPath                string         `json:"api_test_path"`
	LockVersion                int64          `json:"lock_version"`
	AuthenticationMethod       string         `json:"authentication_method"`
	CreatedAt                  time.Time      `json:"created_at"`
	UpdatedAt                  time.Time      `json:"updated_at"`
	HostnameRewriteForSandbox  string         `json:"hostname_rewrite_for_sandbox"`
	EndpointPort               int            `json:"endpoint_port"`
	Valid                      bool           `json:"valid?"`
	ServiceBackendVersion      string         `json:"service_backend_version"`
	Hosts                      []string       `json:"hosts"`
	Backend                    DocBackend     `json:"backend"`
	PolicyChain                []DocPolicy    `json:"policy_chain"`
	ProxyRules                 []DocProxyRule `json:"proxy_rules"`
}

// DocBackend is the Service Management API the gateway calls.
type DocBackend struct {
	Endpoint string `json:"endpoint"`
	Host     string `json:"host"`
}

// DocPolicy is one enabled policy of the chain.
type DocPolicy struct {
	Name          string         `json:"name"`
	Version       string         `json:"version"`
	Configuration map[string]any `json:"configuration"`
}

// DocProxyRule is a mapping rule as the gateway sees it.
type DocProxyRule struct {
	ID                    int64              `json:"id"`
	ProxyID               int64              `json:"proxy_id"`
	OwnerID               int64              `json:"owner_id"`
	OwnerType             string             `json:"owner_type"`
	HTTPMethod            string             `json:"http_method"`
	Pattern               string             `json:"pattern"`
	MetricID              int64              `json:"metric_id"`
	MetricSystemName      string             `json:"metric_system_name"`
	Delta                 int64              `json:"delta"`
	Position              int64              `json:"position"`
	Last                  bool               `json:"last"`
	RedirectURL           *string            `json:"redirect_url"`
	TenantID              int64              `json:"tenant_id"`
	CreatedAt             time.Time          `json:"created_at"`
	UpdatedAt             time.Time          `json:"updated_at"`
	Parameters            []string           `json:"parameters"`
	QuerystringParameters map[string]*string `json:"querystring_parameters"`
}

// Build renders the config document of a product; token is the service
// token the gateway authenticates with, metrics maps metric ids to system
// names, backend is the Service Management API's base URL.
func Build(p *Product, px *Proxy, token string, metrics map[int64]string, backend string) ([]byte, error) {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	e := px.Errors
	dp := DocProxy{ID: px.ID, TenantID: p.Tenant, ServiceID: p.ID, Endpoint: opt(px.Endpoint), SandboxEndpoint: opt(px.SandboxEndpoint),
		APIBackend: opt(px.APIBackend), AuthAppKey: px.AuthAppKey, AuthAppID: px.AuthAppID, AuthUserKey: px.AuthUserKey,
		CredentialsLocation: px.CredentialsLocation,
		ErrorAuthFailed:     e.AuthFailed.Message, ErrorStatusAuthFailed: e.AuthFailed.Status, ErrorHeadersAuthFailed: e.AuthFailed.ContentType,
		ErrorAuthMissing: e.AuthMissing.Message, ErrorStatusAuthMissing: e.AuthMissing.Status, ErrorHeadersAuthMissing: e.AuthMissing.ContentType,
		ErrorNoMatch: e.NoMatch.Message, ErrorStatusNoMatch: e.NoMatch.Status, ErrorHeadersNoMatch: e.NoMatch.ContentType,
		ErrorLimitsExceeded: e.LimitsExceeded.Message, ErrorStatusLimitsExceeded: e.LimitsExceeded.Status, ErrorHeadersLimitsExceeded: e.LimitsExceeded.ContentType,
		SecretToken: px.SecretToken, HostnameRewrite: opt(px.HostnameRewrite), APITestPath: px.APITestPath, LockVersion: px.LockVersion,
		AuthenticationMethod: p.BackendVersion, CreatedAt: px.CreatedAt.UTC(), UpdatedAt: px.UpdatedAt.UTC(),
		Valid: true, ServiceBackendVersion: p.BackendVersion, Hosts: []string{},
		PolicyChain: []DocPolicy{{Name: "apicast", Version: "builtin", Configuration: map[string]any{}}}, ProxyRules: []DocProxyRule{}}
	dp.HostnameRewriteForSandbox = px.HostnameRewrite
	if dp.HostnameRewriteForSandbox == "" {
		if dp.HostnameRewriteForSandbox = Host(px.APIBackend); dp.HostnameRewriteForSandbox == "" {
			dp.HostnameRewriteForSandbox = "none"
		}
	}
	dp.EndpointPort = 80
	if u, err := url.Parse(px.Endpoint); err == nil && u.Port() != "" {
		dp.EndpointPort = atoi(u.Port())
	}
	for _, h := range []string{Host(px.Endpoint), Host(px.SandboxEndpoint)} {
		if h != "" && (len(dp.Hosts) == 0 || dp.Hosts[0] != h) {
			dp.Hosts = append(dp.Hosts, h)
		}
	}
	if u, err := url.Parse(backend); err == nil {
		dp.Backend = DocBackend{Endpoint: backend, Host: u.Host}
	}
	for _, r := range px.Rules {
		dp.ProxyRules = append(dp.ProxyRules, DocProxyRule{ID: r.ID, ProxyID: px.ID, OwnerID: px.ID, OwnerType: "Proxy",
			HTTPMethod: r.HTTPMethod, Pattern: r.Pattern, MetricID: r.MetricID, MetricSystemName: metrics[r.MetricID],
			Delta: r.Delta, Position: r.Position, Last: r.Last, TenantID: p.Tenant, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
			Parameters: Parameters(r.Pattern), QuerystringParameters: QueryParameters(r.Pattern)})
	}
	doc := Document{ID: p.ID, AccountID: p.Tenant, Name: p.Name, Description: opt(p.Description), SystemName: p.SystemName,
		BackendVersion: p.BackendVersion, DeploymentOption: p.DeploymentOption, State: p.State, SupportEmail: opt(p.SupportEmail),
		TenantID: p.Tenant, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), Proxiable: true,
		BackendAuthenticationType: "service_token", BackendAuthenticationValue: token, Proxy: dp}
	return json.Marshal(doc)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 80
		}
		n = n*10 + int(c-'0')
	}
	return n
}
