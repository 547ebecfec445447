package stats

import (
	"time"

	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/wire"
)

// errorObj represents an integration error.
func errorObj(e *usagelog.IntegrationError) *wire.Obj {
	return wire.NewObj("error").
		Set("code", e.Code).
		Set("message", e.Message).
		Set("timestamp", rubyTime(e.At))
}

// rubyTime renders a stored time as 3scale's backend does (Ruby's Time#to_s in UTC).
func rubyTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
