package proxy

import (
	"fmt"
	"strconv"

	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/wire"
)

// defaultPolicies is the policy chain every proxy has (policies are not editable here).
var defaultPolicies = wire.Raw{JSON: []byte(`[{"name":"apicast","version":"builtin","configuration":{},"enabled":true}]`),
	XML: `[{"name"=>"apicast", "version"=>"builtin", "configuration"=>{}, "enabled"=>true}]`}

// ProxyObj renders a proxy as porta does.
func ProxyObj(pr *product) *wire.Obj {
	px, e := pr.px, pr.px.Errors
	opt := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var o *wire.Obj
	if px.APIBackend != "" {
		o = wire.NewObj("proxy").Set("service_id", px.Service).Set("endpoint", opt(px.Endpoint)).Set("api_backend", px.APIBackend)
	} else {
		o = wire.NewObj("proxy").Set("service_id", px.Service).Set("endpoint", opt(px.Endpoint)).Keep("api_backend", nil).XML("api_backend", "")
	}
	o.Set("credentials_location", px.CredentialsLocation).Set("auth_app_key", px.AuthAppKey).Set("auth_app_id", px.AuthAppID).
		Set("auth_user_key", px.AuthUserKey).
		Set("error_auth_failed", e.AuthFailed.Message).Set("error_auth_missing", e.AuthMissing.Message).
		Set("error_status_auth_failed", e.AuthFailed.Status).Set("error_headers_auth_failed", e.AuthFailed.ContentType).
		Set("error_status_auth_missing", e.AuthMissing.Status).Set("error_headers_auth_missing", e.AuthMissing.ContentType).
		Set("error_no_match", e.NoMatch.Message).Set("error_status_no_match", e.NoMatch.Status).
		Set("error_headers_no_match", e.NoMatch.ContentType).
		Set("error_limits_exceeded", e.LimitsExceeded.Message).Set("error_status_limits_exceeded", e.LimitsExceeded.Status).
		Set("error_headers_limits_exceeded", e.LimitsExceeded.ContentType).
		Set("secret_token", px.SecretToken).Set("hostname_rewrite", opt(px.HostnameRewrite)).
		Set("oauth_login_url", opt(px.OAuthLoginURL)).
		Set("sandbox_endpoint", opt(px.SandboxEndpoint)).Set("api_test_path", opt(px.APITestPath)).
		Set("policies_config", defaultPolicies).Set("deployed_at", px.DeployedAt).
		Set("created_at", px.CreatedAt).Set("updated_at", px.UpdatedAt).
		Set("deployment_option", deploymentOption(pr)).Set("lock_version", px.LockVersion)
	base := fmt.Sprintf("/admin/api/services/%d", px.Service)
	o.JSON("links", wire.Links{{Rel: "mapping_rules", Href: base + "/proxy/mapping_rules"},
		{Rel: "self", Href: base + "/proxy"}, {Rel: "service", Href: base}})
	return o
}

func deploymentOption(pr *product) string {
	if pr.p.DeploymentOption == "" {
		return "hosted"
	}
	return pr.p.DeploymentOption
}

// RuleObj renders a mapping rule.
func RuleObj(service int64, r *proxy.Rule) *wire.Obj {
	base := "/admin/api/services/" + strconv.FormatInt(service, 10)
	return wire.NewObj("mapping_rule").Set("id", r.ID).Set("metric_id", r.MetricID).Set("pattern", r.Pattern).
		Set("http_method", r.HTTPMethod).Set("delta", r.Delta).Set("position", r.Position).Set("last", r.Last).
		Set("created_at", r.CreatedAt).Set("updated_at", r.UpdatedAt).
		JSON("links", wire.Links{{Rel: "self", Href: base + "/proxy/mapping_rules/" + strconv.FormatInt(r.ID, 10)},
			{Rel: "service", Href: base}, {Rel: "proxy", Href: base + "/proxy"}})
}

// ConfigObj renders a proxy config with its parsed content.
func ConfigObj(c *proxy.Config) *wire.Obj {
	return wire.NewObj("proxy_config").Set("id", c.ID).Set("version", c.Version).Set("environment", c.Environment).
		Set("content", wire.Raw{JSON: []byte(c.Content), XML: c.Content})
}
