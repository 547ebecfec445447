package gateway

import (
	"encoding/json"
	"io"
	"net/http"
	"unicode/utf8"
)

// Echo is a small API that answers any request with the request it received,
// as JSON: the upstream of the quickstart and the tests.
func Echo() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, MaxBody))
		out := map[string]any{
			"method":  r.Method,
			"path":    r.URL.EscapedPath(),
			"query":   r.URL.RawQuery,
			"args":    r.URL.Query(),
			"headers": r.Header,
			"host":    r.Host,
		}
		if utf8.Valid(body) {
			out["body"] = string(body)
		} else {
			out["body_base64"] = body
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", "1")
		json.NewEncoder(w).Encode(out)
	})
}
