package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/queue"
)

// Consumer is the delivery function: one attempt per message. A failed
// attempt sends the message again, delayed by the retry interval (a minute);
// an event not yet due, or behind an earlier event of its object, comes back
// sooner. Only a message that could not be handled at all (DynamoDB or SQS
// down) is reported failed, to return after the visibility timeout.
func Consumer(d *deps.Deps) queue.Handler {
	p := newPoster(d.Webhooks.Timeout, d.Webhooks.AllowPrivate) // one per process: its connections are reused
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var out events.SQSEventResponse
		for _, m := range ev.Records {
			if err := consume(ctx, d, p, m.Body); err != nil {
				slog.Error("webhooks: message not handled", "message", m.MessageId, "error", err)
				out.BatchItemFailures = append(out.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
			}
		}
		return out, nil
	}
}

func consume(ctx context.Context, d *deps.Deps, p webhook.Poster, body string) error {
	var m webhook.Message
	if err := json.Unmarshal([]byte(body), &m); err != nil || m.Tenant == 0 || m.SK == "" {
		slog.Error("webhooks: dropping a malformed message", "error", err)
		return nil // it would fail the same way every time
	}
	pol := webhook.DefaultPolicy
	pol.Lease = d.Webhooks.Timeout + time.Minute
	out, err := webhook.Deliver(ctx, d.Store, p, m, pol, d.Now)
	if err != nil {
		return err
	}
	var delay time.Duration
	switch out {
	case webhook.Done:
		return nil
	case webhook.Retry:
		delay = d.Webhooks.RetryDelay
	case webhook.Wait:
		delay = max(time.Second, d.Webhooks.RetryDelay/6)
	}
	if d.Webhooks.Queue == nil {
		return nil // the sweep enqueues it again
	}
	return d.Webhooks.Queue.SendDelayed(ctx, body, delay)
}

// Sweep is the scheduled function: it enqueues again the pending events the
// queue lost track of (see webhook.Sweep).
func Sweep(d *deps.Deps) func(context.Context) error {
	return func(ctx context.Context) error {
		if d.Webhooks.Queue == nil {
			return nil
		}
		n, err := webhook.Sweep(ctx, d.Store, d.Webhooks.Queue, d.Now())
		if n > 0 {
			slog.Info("webhooks: overdue events enqueued again", "events", n)
		}
		return err
	}
}
