package proxy

import (
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"turnpike/shared/platform/apierr"
)

// Fields lists every proxy field a PATCH/PUT may set, in porta's order.
var Fields = []string{"endpoint", "sandbox_endpoint", "api_backend", "credentials_location",
	"auth_app_key", "auth_app_id", "auth_user_key",
	"error_auth_failed", "error_auth_missing", "error_status_auth_failed", "error_headers_auth_failed",
	"error_status_auth_missing", "error_headers_auth_missing", "error_no_match", "error_status_no_match",
	"error_headers_no_match", "error_limits_exceeded", "error_status_limits_exceeded", "error_headers_limits_exceeded",
	"secret_token", "hostname_rewrite", "oauth_login_url", "api_test_path"}

var (
	paramNameRE    = regexp.MustCompile(`^[A-Za-z0-9_\-]{1,255}$`)
	errorMessageRE = regexp.MustCompile(`^[A-Za-z0-9_ {}\[\],.;@#~%&()?"=/\\:+\-]{1,255}$`)
	hostnameRE     = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9\-.]*[A-Za-z0-9])?(:[0-9]{1,5})?$`)
)

// Policy says which addresses the environment accepts.
type Policy struct {
	// AllowPrivate accepts loopback and private addresses as base URLs (the
	// local stack, where the Echo API listens on 127.0.0.1).
	AllowPrivate bool
}

// Update validates the given fields and applies them to px; on any invalid
// field nothing is applied and the error carries every field's messages.
func Update(px *Proxy, in map[string]string, p *Product, pol Policy) error {
	next := *px
	var v apierr.Validation
	for _, f := range Fields {
		val, ok := in[f]
		if !ok {
			continue
		}
		applyField(&next, f, val, pol, &v)
	}
	if p.Hosted() {
		if _, ok := in["endpoint"]; ok && next.Endpoint == "" {
			v.Add("endpoint", "can't be blank")
		}
		if _, ok := in["sandbox_endpoint"]; ok && next.SandboxEndpoint == "" {
			v.Add("sandbox_endpoint", "can't be blank")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	rules := px.Rules
	*px = next
	px.Rules = rules
	return nil
}

func applyField(px *Proxy, f, val string, pol Policy, v *apierr.Validation) {
	e := &px.Errors
	switch f {
	case "endpoint":
		px.Endpoint = publicURL(f, val, pol, v)
	case "sandbox_endpoint":
		px.SandboxEndpoint = publicURL(f, val, pol, v)
	case "api_backend":
		px.APIBackend = privateURL(val, pol, v)
	case "credentials_location":
		switch val {
		case "query", "headers", "authorization":
			px.CredentialsLocation = val
		default:
			v.Add(f, "is not included in the list")
		}
	case "auth_app_key":
		px.AuthAppKey = paramName(f, val, v)
	case "auth_app_id":
		px.AuthAppID = paramName(f, val, v)
	case "auth_user_key":
		px.AuthUserKey = paramName(f, val, v)
	case "secret_token":
		px.SecretToken = paramName(f, val, v)
	case "error_auth_failed":
		e.AuthFailed.Message = message(f, val, v)
	case "error_auth_missing":
		e.AuthMissing.Message = message(f, val, v)
	case "error_no_match":
		e.NoMatch.Message = message(f, val, v)
	case "error_limits_exceeded":
		e.LimitsExceeded.Message = message(f, val, v)
	case "error_headers_auth_failed":
		e.AuthFailed.ContentType = message(f, val, v)
	case "error_headers_auth_missing":
		e.AuthMissing.ContentType = message(f, val, v)
	case "error_headers_no_match":
		e.NoMatch.ContentType = message(f, val, v)
	case "error_headers_limits_exceeded":
		e.LimitsExceeded.ContentType = message(f, val, v)
	case "error_status_auth_failed":
		e.AuthFailed.Status = status(f, val, v)
	case "error_status_auth_missing":
		e.AuthMissing.Status = status(f, val, v)
	case "error_status_no_match":
		e.NoMatch.Status = status(f, val, v)
	case "error_status_limits_exceeded":
		e.LimitsExceeded.Status = status(f, val, v)
	case "hostname_rewrite":
		if val != "" && !hostnameRE.MatchString(val) {
			v.Add(f, "invalid")
		}
		px.HostnameRewrite = val
	case "oauth_login_url":
		px.OAuthLoginURL = val
	case "api_test_path":
		if len(val) > 8192 || (val != "" && !strings.HasPrefix(val, "/")) {
			v.Add(f, "invalid")
		}
		px.APITestPath = val
	}
}

func paramName(f, val string, v *apierr.Validation) string {
	if !paramNameRE.MatchString(val) {
		v.Add(f, "invalid")
	}
	return val
}

func message(f, val string, v *apierr.Validation) string {
	if !errorMessageRE.MatchString(val) {
		v.Add(f, "invalid")
	}
	return val
}

func status(f, val string, v *apierr.Validation) int {
	val = strings.TrimSpace(val)
	if val == "" {
		v.Add(f, "can't be blank")
		return 0
	}
	n, err := strconv.Atoi(val)
	if err != nil {
		if _, ferr := strconv.ParseFloat(val, 64); ferr == nil {
			v.Add(f, "must be an integer")
		} else {
			v.Add(f, "is not a number")
		}
		return 0
	}
	if n < 200 {
		v.Add(f, "must be greater than or equal to 200")
	} else if n >= 600 {
		v.Add(f, "must be less than 600")
	}
	return n
}

// publicURL checks a public base URL (scheme, host and port only) and saves
// it with an explicit port.
func publicURL(f, val string, pol Policy, v *apierr.Validation) string {
	if val == "" {
		return ""
	}
	u, err := url.Parse(val)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.Contains(val, "?") || len(val) > 255 || !validHost(u.Hostname()) {
		v.Add(f, "the accepted format is 'protocol://address(:port)'")
		return val
	}
	if !pol.AllowPrivate && isLoopback(u.Hostname()) {
		v.Add(f, "can't be localhost")
	}
	return u.Scheme + "://" + u.Hostname() + ":" + portOf(u)
}

// privateURL checks a private base URL (path allowed) and saves it with an explicit port.
func privateURL(val string, pol Policy, v *apierr.Validation) string {
	const f = "api_backend"
	if strings.TrimSpace(val) == "" {
		v.Add(f, "can't be blank")
		return ""
	}
	u, err := url.Parse(val)
	ok := err == nil && u.Host != "" && u.User == nil && u.RawQuery == "" && u.Fragment == "" && !strings.Contains(val, "?") && validHost(u.Hostname())
	switch {
	case !ok, u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss":
		v.Add(f, "the accepted format is 'scheme://address(:port)(/path)'. Accepted schemes are http, https, ws and wss")
		return val
	}
	if !pol.AllowPrivate && (isLoopback(u.Hostname()) || IsPrivate(u.Hostname())) {
		v.Add(f, "Sorry, this domain is protected")
	}
	out := u.Scheme + "://" + u.Host
	if u.Port() == "" {
		out += ":" + portOf(u)
	}
	if strings.Contains(u.Hostname(), ":") && u.Port() == "" {
		out = u.Scheme + "://[" + u.Hostname() + "]:" + portOf(u)
	}
	return out + u.EscapedPath()
}

func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	for _, l := range strings.Split(h, ".") {
		if l == "" || len(l) > 63 {
			return false
		}
	}
	return true
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch u.Scheme {
	case "https", "wss":
		return "443"
	}
	return "80"
}

func isLoopback(h string) bool {
	h = strings.ToLower(h)
	if h == "localhost" || strings.HasPrefix(h, "127.") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// IsPrivate tells whether a host is a literal address no public API may
// live at: loopback, private ranges, link-local, unspecified.
func IsPrivate(h string) bool {
	if isLoopback(h) {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && PrivateIP(ip)
}

// PrivateIP tells whether an address is loopback, private, link-local or unspecified.
func PrivateIP(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified()
}
