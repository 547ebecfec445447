// Package api is the HTTP layer of the Account Management and Master APIs:
// parameters from the query and the body (flat or wrapped), the format chosen by
// the path extension, authentication, and 3scale's success and error shapes.
package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
	"turnpike/shared/transport/route"
)

// Format is the representation a request asked for.
type Format string

const (
	JSON Format = "json"
	XML  Format = "xml"
)

// Request is a parsed, authenticated API request.
type Request struct {
	R       *http.Request
	Format  Format
	Params  *params.Params
	Who     *credential.Principal
	Now     time.Time
	Wrapper string // the model name 3scale wraps parameters in ("service", "application_plan")
}

// Tenant is the tenant the request acts for.
func (q *Request) Tenant() int64 { return q.Who.Tenant }

// Var is a path variable.
func (q *Request) Var(name string) string { return route.Var(q.R, name) }

// ID reads a numeric path variable; an id that cannot exist is simply not found.
func (q *Request) ID(name string) (int64, error) {
	id, ok := store.ParseID(q.Var(name))
	if !ok {
		return 0, apierr.NotFound()
	}
	return id, nil
}

// Value finds a parameter flat ("name=x") or wrapped ("service[name]=x");
// the wrapped form wins, as Rails' params wrapping puts flat ones under it.
func (q *Request) Value(name string) (*params.Value, bool) {
	if q.Wrapper != "" {
		if m, ok := q.Params.Map(q.Wrapper); ok {
			if v, ok := m.Get(name); ok {
				return v, true
			}
		}
	}
	return q.Params.Get(name)
}

// Has tells whether a parameter was sent at all.
func (q *Request) Has(name string) bool {
	_, ok := q.Value(name)
	return ok
}

// Str reads a scalar parameter, trimmed; a non-scalar is a 422 on that field.
func (q *Request) Str(name string) (string, bool, error) {
	v, ok := q.Value(name)
	if !ok {
		return "", false, nil
	}
	if v.Kind != params.String {
		return "", true, apierr.Invalid(name, "is invalid")
	}
	return strings.TrimSpace(v.Str), true, nil
}

// Int reads an integer parameter; absent gives def, malformed a 422.
func (q *Request) Int(name string, def int64) (int64, bool, error) {
	s, ok, err := q.Str(name)
	if err != nil || !ok || s == "" {
		return def, ok && s != "", err
	}
	n, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil {
		return def, true, apierr.Invalid(name, "is not a number")
	}
	return n, true, nil
}

// Float reads a decimal parameter; absent gives def, malformed a 422.
func (q *Request) Float(name string, def float64) (float64, bool, error) {
	s, ok, err := q.Str(name)
	if err != nil || !ok || s == "" {
		return def, ok && s != "", err
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || f != f || f > 1e15 || f < -1e15 {
		return def, true, apierr.Invalid(name, "is not a number")
	}
	return f, true, nil
}

// Bool reads a boolean parameter (true/false/1/0); absent gives def, malformed a 422.
func (q *Request) Bool(name string, def bool) (bool, bool, error) {
	s, ok, err := q.Str(name)
	if err != nil || !ok || s == "" {
		return def, ok && s != "", err
	}
	switch strings.ToLower(s) {
	case "true", "1", "t", "yes", "on":
		return true, true, nil
	case "false", "0", "f", "no", "off":
		return false, true, nil
	}
	return def, true, apierr.Invalid(name, "is not a boolean")
}

// BaseURL is the scheme and host links point to.
func (q *Request) BaseURL() string {
	host := q.R.Host
	if host == "" {
		host = "localhost"
	}
	scheme := "https"
	if strings.HasPrefix(host, "127.0.0.1") || strings.HasPrefix(host, "localhost") {
		scheme = "http"
	}
	return scheme + "://" + host
}
