package usage

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/queue"
)

// Consumer is the usage consumer function: it applies each message of the
// batch exactly once (a redelivered message finds its markers and changes
// nothing) and reports the messages it could not apply, so that only those
// come back (and go to the dead-letter queue after 5 attempts).
func Consumer(d *deps.Deps) queue.Handler {
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var out events.SQSEventResponse
		for _, m := range ev.Records {
			if err := consume(ctx, d, m); err != nil {
				slog.Error("usage: message not applied", "message", m.MessageId, "error", err)
				out.BatchItemFailures = append(out.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
			}
		}
		return out, nil
	}
}

func consume(ctx context.Context, d *deps.Deps, m events.SQSMessage) error {
	var msg Message
	if err := json.Unmarshal([]byte(m.Body), &msg); err != nil {
		slog.Error("usage: dropping a malformed message", "message", m.MessageId, "error", err)
		return nil // it would fail the same way every time
	}
	w := newWrites(d)
	if r := msg.Report; r != nil {
		txs, ie, err := resolve(ctx, d, r)
		if err != nil {
			return err
		}
		if ie != nil {
			return recordError(ctx, d, r, m.MessageId, ie)
		}
		if err := w.counters(ctx, r.Tenant, txs); err != nil {
			return err
		}
		for _, tx := range txs {
			w.history(r.Tenant, r.Service, tx.app.ID, tx.at, tx.usage, tx.code)
		}
	}
	for _, c := range msg.Counted {
		w.history(c.Tenant, c.Service, c.App, time.Unix(c.At, 0).UTC(), mapOf(c.Usage), c.Code)
	}
	return w.commit(ctx, m.MessageId)
}

func mapOf(ds []Delta) map[int64]Delta {
	m := make(map[int64]Delta, len(ds))
	for _, d := range ds {
		m[d.Metric] = d
	}
	return m
}
