package webhooks

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListFailures is GET /admin/api/webhooks/failures: the events whose every
// attempt failed, oldest first, in 3scale's shapes (the event is its XML
// document; a string in JSON).
func ListFailures(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		all, err := webhook.Failures(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		items := make([]*wire.Obj, len(all))
		for i, f := range all {
			items[i] = wire.NewObj("webhooks-failure").
				Set("id", f.ID).
				Set("time", f.Time).
				Set("error", f.Error).
				Set("url", f.URL).
				JSON("event", f.Event).
				XML("event", wire.RawXML(stripHeader(f.Event)))
		}
		return api.Listed(&wire.List{Name: "webhooks-failures", Items: items}), nil
	})
}

func stripHeader(doc string) string {
	if len(doc) >= len(wire.XMLHeader) && doc[:len(wire.XMLHeader)] == wire.XMLHeader {
		return doc[len(wire.XMLHeader):]
	}
	return doc
}
