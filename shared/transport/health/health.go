// Package health answers the liveness checks gateways and load balancers use.
package health

import (
	"net/http"

	"turnpike/shared/platform/deps"
)

// Check is GET /check.txt: "ok" in plain text.
func Check(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("ok"))
	})
}
