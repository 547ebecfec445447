package gateway

import (
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// credentials are what the request carries, per the product's settings.
type credentials struct {
	userKey       string
	appID, appKey string
	hasID, hasKey bool
	hasUserKey    bool
}

// read finds the credentials where credentials_location says: names
// lower-cased, query names case-insensitive with the first occurrence
// winning, headers case-insensitive with '-' ≡ '_', Basic split at the last
// colon. An empty value counts as present.
func readCredentials(r *http.Request, body []byte, p *product) (credentials, bool) {
	px := p.doc.Proxy
	v2 := p.doc.BackendVersion == "2"
	var c credentials
	var look func(name string) (string, bool)
	switch px.CredentialsLocation {
	case "headers":
		look = func(name string) (string, bool) { return header(r, name) }
	case "authorization":
		return basic(r, v2)
	default:
		look = func(name string) (string, bool) {
			if v, ok := queryArg(r.URL.RawQuery, name); ok {
				return v, true
			}
			return formArg(r, body, name)
		}
	}
	if v2 {
		c.appID, c.hasID = look(strings.ToLower(px.AuthAppID))
		c.appKey, c.hasKey = look(strings.ToLower(px.AuthAppKey))
		return c, c.hasID && c.hasKey
	}
	c.userKey, c.hasUserKey = look(strings.ToLower(px.AuthUserKey))
	return c, c.hasUserKey
}

func queryArg(raw, name string) (string, bool) {
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if strings.EqualFold(k, name) {
			if dv, err := url.QueryUnescape(v); err == nil {
				v = dv
			}
			return v, true
		}
	}
	return "", false
}

// formArg reads a field of a form-urlencoded POST/PUT/PATCH body.
func formArg(r *http.Request, body []byte, name string) (string, bool) {
	if !formBody(r) {
		return "", false
	}
	return queryArg(string(body), name)
}

func formBody(r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
	default:
		return false
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return strings.Contains(strings.ToLower(mt), "application/x-www-form-urlencoded")
}

func header(r *http.Request, name string) (string, bool) {
	want := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	for k, vs := range r.Header {
		if strings.ReplaceAll(strings.ToLower(k), "_", "-") == want && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// basic reads HTTP Basic (user = user_key or app_id, password = app_key) or a Bearer token.
func basic(r *http.Request, v2 bool) (credentials, bool) {
	var c credentials
	h := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(h, "Basic "):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len("Basic "):]))
		if err != nil {
			return c, false
		}
		s := string(raw)
		i := strings.LastIndexByte(s, ':')
		user, pass := s, ""
		hasPass := i >= 0
		if hasPass {
			user, pass = s[:i], s[i+1:]
		}
		if v2 {
			c.appID, c.hasID, c.appKey, c.hasKey = user, true, pass, hasPass
			return c, c.hasKey
		}
		if user == "" {
			user = pass
		}
		c.userKey, c.hasUserKey = user, true
		return c, true
	case strings.HasPrefix(h, "Bearer "):
		tok := strings.TrimSpace(h[len("Bearer "):])
		if v2 {
			c.appID, c.hasID = tok, true
			return c, false
		}
		c.userKey, c.hasUserKey = tok, true
		return c, true
	}
	return c, false
}
