// Package health answers the liveness checks gateways and load balancers use.
package health

import (
	"context"
	"net/http"
	"time"

	"turnpike/shared/platform/deps"
)

// Timeout bounds the check of DynamoDB.
const Timeout = time.Second

// Check is GET /check.txt: "ok" in plain text when DynamoDB answers;
// otherwise 503 and what is wrong.
func Check(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
		ctx, cancel := context.WithTimeout(r.Context(), Timeout)
		defer cancel()
		if err := d.Store.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(err.Error() + "\n"))
			return
		}
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("ok"))
	})
}
