package authrep

import (
	"errors"
	"net/http"
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
)

// call is a parsed Service Management API request.
type call struct {
	p    *params.Params
	ext  extensions
	ep   endpoint
	head *Head // the tenant's head when the caller read it already (CallAt)
}

// extensions are the 3scale-options header (and the deprecated no_body parameter).
type extensions struct {
	noBody, rejectionReason, limitHeaders, hierarchy, flatUsage, listAppKeys bool
}

// parseQuery parses the query string with 3scale's error answers.
func parseQuery(raw string) (*params.Params, *apierr.Error) {
	p, e := parseRaw(raw)
	if e != nil {
		return nil, e
	}
	if err := params.CheckUTF8(p); err != nil {
		return nil, errNotValidData()
	}
	return p, nil
}

// parseRaw parses a query string or form body, leaving the UTF-8 check to the caller.
func parseRaw(raw string) (*params.Params, *apierr.Error) {
	p, err := params.ParseQuery(raw)
	if err != nil {
		var pe *params.Error
		if errors.As(err, &pe) {
			switch pe.Kind {
			case params.BadEncoding:
				return nil, errBadRequest("Invalid query parameters: invalid %-encoding")
			case params.TooMany, params.TooLarge:
				return nil, errBadRequest(pe.Msg)
			}
		}
		return nil, errBadRequest("request contains syntax errors, should not be repeated without modification")
	}
	return p, nil
}

func parseExtensions(r *http.Request, p *params.Params) extensions {
	var x extensions
	if h := r.Header.Get("3scale-options"); h != "" {
		if o, err := params.ParseQuery(h); err == nil {
			one := func(k string) bool { v, _ := o.String(k); return v == "1" }
			x.rejectionReason, x.limitHeaders = one("rejection_reason_header"), one("limit_headers")
			x.hierarchy, x.flatUsage, x.listAppKeys = one("hierarchy"), one("flat_usage"), one("list_app_keys")
			if v, ok := o.String("no_body"); ok && v != "0" && v != "false" {
				x.noBody = true
			}
		}
	}
	if v, ok := p.String("no_body"); ok && v != "0" && v != "false" {
		x.noBody = true
	}
	return x
}

// str is a normalized credential parameter: a stripped string, "" when absent or not a string.
func (c *call) str(name string) string {
	v, ok := c.p.String(name)
	if !ok {
		return ""
	}
	return strings.TrimSpace(v)
}

// appKey keeps an empty app_key distinct from an absent one ("key given but empty").
func (c *call) appKey() (string, bool) {
	v, ok := c.p.String("app_key")
	if !ok {
		return "", false
	}
	return strings.TrimSpace(v), true
}
