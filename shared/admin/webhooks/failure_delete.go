package webhooks

import (
	"context"
	"net/http"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// DeleteFailures is DELETE /admin/api/webhooks/failures: all of them, or,
// given time, those recorded up to that time; an unreadable time is a 400.
func DeleteFailures(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var upTo time.Time
		s, ok, err := q.Str("time")
		if err != nil || (ok && s != "") {
			if upTo, err = parseTime(s); err != nil {
				return api.Result{}, apierr.BadRequest("invalid time").WithCause(err)
			}
		}
		if err := webhook.ClearFailures(ctx, d.Store, q.Tenant(), upTo); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}

// parseTime reads the times Rails' Time.parse commonly gets: RFC 3339 (the
// failures list's own format), with or without a zone or seconds, or a date.
func parseTime(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 MST", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}
