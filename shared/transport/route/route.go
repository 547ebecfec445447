// Package route matches request paths against 3scale-style route patterns.
//
// A pattern ends either in a literal with an extension ("/admin/api/services.json")
// or in a variable ("/admin/api/services/{service_id}"). API Gateway variables
// are whole segments, so "12.json" arrives as the variable's value and the
// extension is taken apart here. A pattern ending in ".json" is served in three
// forms, as 3scale does: ".json", ".xml", and bare (XML).
package route

import (
	"context"
	"net/http"
	"strings"
)

// Variants lists the concrete API Gateway routes of a pattern.
func Variants(pattern string) []string {
	if base, ok := strings.CutSuffix(pattern, ".json"); ok {
		return []string{pattern, base + ".xml", base}
	}
	return []string{pattern}
}

// Match reports whether path matches one of the pattern's variants and returns
// the variables (extension stripped) and the extension ("json", "xml", "txt" or "").
func Match(pattern, path string) (vars map[string]string, ext string, ok bool) {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	rs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(rs) || path == "" || path[0] != '/' {
		return nil, "", false
	}
	last := len(ps) - 1
	for i, p := range ps {
		r := rs[i]
		if i == last {
			if p != "" && p[0] != '{' {
				// Literal last segment: "services.json" also matches "services.xml" and "services".
				base, pext := splitExt(p)
				rbase, rext := splitExt(r)
				if pext == "json" {
					if rbase != base || (rext != "" && rext != "json" && rext != "xml") {
						// "services" without extension has rbase "services" too.
						return nil, "", false
					}
					return vars, rext, true
				}
				if r != p {
					return nil, "", false
				}
				return vars, pext, true
			}
		}
		if isVar(p) {
			if r == "" {
				return nil, "", false
			}
			if vars == nil {
				vars = map[string]string{}
			}
			if i == last {
				v, e := splitExt(r)
				if e == "json" || e == "xml" {
					vars[p[1:len(p)-1]], ext = v, e
					if v == "" {
						return nil, "", false
					}
					continue
				}
			}
			vars[p[1:len(p)-1]] = r
			continue
		}
		if p != r {
			return nil, "", false
		}
	}
	return vars, ext, true
}

// Specificity ranks matching patterns the way API Gateway does: literal
// segments beat variables, earlier segments first.
func Specificity(pattern string) int {
	score := 0
	for _, p := range strings.Split(strings.Trim(pattern, "/"), "/") {
		score <<= 1
		if !isVar(p) {
			score |= 1
		}
	}
	return score
}

func isVar(seg string) bool { return len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' }

func splitExt(seg string) (base, ext string) {
	if i := strings.LastIndexByte(seg, '.'); i >= 0 {
		switch e := seg[i+1:]; e {
		case "json", "xml", "txt":
			return seg[:i], e
		}
	}
	return seg, ""
}

type ctxKey struct{}

type matched struct {
	vars map[string]string
	ext  string
}

// With wraps h so that it can read its variables; a path that does not match
// the pattern (impossible behind API Gateway) gets 404.
func With(pattern string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		vars, ext, ok := Match(pattern, r.URL.Path)
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, matched{vars, ext})))
	})
}

// Var is a path variable of the request.
func Var(r *http.Request, name string) string {
	m, _ := r.Context().Value(ctxKey{}).(matched)
	return m.vars[name]
}

// Ext is the request's path extension: "json", "xml", "txt" or "".
func Ext(r *http.Request) string {
	m, _ := r.Context().Value(ctxKey{}).(matched)
	return m.ext
}
