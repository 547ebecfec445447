package webhooks

import (
	"context"
	"net/http"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListEvents is GET /admin/api/webhooks/events (a Turnpike extension): the
// delivery log, oldest first, paginated.
func ListEvents(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		return api.ListQuery(ctx, d.Store, q, webhook.EventsQuery(q.Tenant()), "events", api.Each(EventObj))
	})
}

// ReadEvent is GET /admin/api/webhooks/events/{event_id} (a Turnpike extension).
func ReadEvent(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("event_id")
		if err != nil {
			return api.Result{}, err
		}
		e, err := webhook.LoadEvent(ctx, d.Store, q.Tenant(), id)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(EventObj(e)), nil
	})
}

// RedeliverEvent is PUT /admin/api/webhooks/events/{event_id}/redeliver (a
// Turnpike extension): a new round of attempts for a delivered or failed event.
func RedeliverEvent(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, err := q.ID("event_id")
		if err != nil {
			return api.Result{}, err
		}
		var send webhook.Sender
		if d.Webhooks.Queue != nil {
			send = d.Webhooks.Queue
		}
		e, err := webhook.Redeliver(ctx, d.Store, q.Tenant(), id, send, q.Now)
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(EventObj(e)), nil
	})
}

// EventObj represents an event with its delivery log.
func EventObj(e *webhook.Event) *wire.Obj {
	attempts := make([]*wire.Obj, len(e.Attempts))
	for i, a := range e.Attempts {
		attempts[i] = wire.NewObj("attempt").
			Set("at", a.At.UTC().Format(time.RFC3339Nano)).
			Set("status", a.Status).
			Set("error", nonEmpty(a.Error)).
			Set("duration_ms", a.Millis).
			Set("url", a.URL)
	}
	return wire.NewObj("event").
		Set("id", e.ID).
		Set("uuid", e.UUID).
		Set("type", e.Type).
		Set("action", e.Action).
		Set("object_id", e.Object).
		Set("state", e.State).
		Set("created_at", e.CreatedAt).
		Set("attempts", attempts).
		JSON("body", e.Body)
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
