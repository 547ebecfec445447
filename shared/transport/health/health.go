// Package health answers the liveness checks gateways and load balancers use.
package health

import (
	"context"
	"net/http"
	"strings"
	"time"

	"turnpike/shared/platform/deps"
)

// Timeout bounds the check of DynamoDB and of each probe.
const Timeout = time.Second

// Check is GET /check.txt: "ok" in plain text when DynamoDB and every probe
// answer; otherwise 503 and what is wrong.
func Check(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
		ctx, cancel := context.WithTimeout(r.Context(), Timeout)
		defer cancel()
		var failed []string
		for _, ping := range append([]func(context.Context) error{d.Store.Ping}, d.Probes...) {
			if err := ping(ctx); err != nil {
				failed = append(failed, err.Error())
			}
		}
		if len(failed) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(strings.Join(failed, "\n") + "\n"))
			return
		}
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("ok"))
	})
}
