package authrep

import (
	"net/http"

	"turnpike/shared/platform/deps"
)

// BackendVersion is the version /status reports: the 3scale backend release
// whose Service Management API Turnpike speaks.
const BackendVersion = "3.4.3"

// Status is GET /status.
func Status(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		cors(w.Header())
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"status":"ok","version":{"backend":"` + BackendVersion + `"}}`))
	})
}

// Available is HEAD /available, the load balancers' health check.
func Available(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cors(w.Header())
		w.WriteHeader(http.StatusOK)
	})
}

// Preflight answers CORS preflight requests (OPTIONS) on the Service Management API.
func Preflight(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		cors(h)
		h.Set("Access-Control-Max-Age", "86400")
		h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Accept-Encoding, Content-Type, Cache-Control, Accept, If-Match, "+
			"If-Modified-Since, If-None-Match, If-Unmodified-Since, X-Requested-With, X-HTTP-Method-Override, 3scale-options")
		w.WriteHeader(http.StatusNoContent)
	})
}

// csp is the Content-Security-Policy of normal answers (errors carry none, as in 3scale).
const csp = "default-src 'self'"

func cors(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Link, 3scale-rejection-reason")
}
