package ops

import "turnpike/shared/admin/webhooks"

// Account Management API: webhook configuration and failures, and (Turnpike
// extensions) the signing secret and the delivery log.
var webhookOps = []Operation{
	{"read-webhook", "GET", "/admin/api/webhooks.json", webhooks.ReadWebhook},
	{"update-webhook", "PUT", "/admin/api/webhooks.json", webhooks.UpdateWebhook},
	{"rotate-webhook-secret", "PUT", "/admin/api/webhooks/secret/rotate.json", webhooks.RotateSecret},
	{"list-webhook-failures", "GET", "/admin/api/webhooks/failures.json", webhooks.ListFailures},
	{"delete-webhook-failures", "DELETE", "/admin/api/webhooks/failures.json", webhooks.DeleteFailures},
	{"list-webhook-events", "GET", "/admin/api/webhooks/events.json", webhooks.ListEvents},
	{"read-webhook-event", "GET", "/admin/api/webhooks/events/{event_id}", webhooks.ReadEvent},
	{"redeliver-webhook-event", "PUT", "/admin/api/webhooks/events/{event_id}/redeliver.json", webhooks.RedeliverEvent},
}
