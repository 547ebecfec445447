package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// StreamConsumer is the history function, fed by the counters table's
// stream: every counter write that counted usage (authrep's, the report
// consumer's) carries it on the item (counter.HistoryAttr), and a batch of
// those writes is folded into the usage history in a few transactions. A
// failed batch returns an error and is retried whole, as Lambda's event
// source mapping does; its chunks' markers keep a retry from counting twice.
func StreamConsumer(d *deps.Deps) func(context.Context, events.DynamoDBEvent) error {
	return func(ctx context.Context, ev events.DynamoDBEvent) error {
		return ApplyStream(ctx, d, ev.Records)
	}
}

// ApplyStream folds a batch of the counters table's stream records into the
// usage history, exactly once for a given batch.
func ApplyStream(ctx context.Context, d *deps.Deps, recs []events.DynamoDBEventRecord) error {
	if len(recs) == 0 {
		return nil
	}
	w := newWrites(d)
	gone := map[int64]bool{}
	for _, r := range recs {
		cs, err := recorded(r)
		if err != nil {
			slog.Error("usage: stream record without a readable history", "event", r.EventID, "error", err)
			continue // it would fail the same way every time
		}
		for _, c := range cs {
			g, seen := gone[c.Tenant]
			if !seen {
				_, err := tenant.Load(ctx, d.Store, c.Tenant)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return err
				}
				g = err != nil // an erased tenant keeps no history
				gone[c.Tenant] = g
			}
			if !g {
				w.history(c.Tenant, c.Service, c.App, time.Unix(c.At, 0).UTC(), mapOf(c.Usage), c.Code)
			}
		}
	}
	return w.commit(ctx, BatchID(recs))
}

// BatchID names a batch of stream records by its first and last records and
// its size: a retried batch (the same records) gets the same markers.
func BatchID(recs []events.DynamoDBEventRecord) string {
	return fmt.Sprintf("STREAM#%s#%s#%d", recs[0].EventID, recs[len(recs)-1].EventID, len(recs))
}

// recorded is what one write recorded for the history: the record its new
// image holds (every write of a counter item sets it or removes it); nothing
// for a deletion.
func recorded(r events.DynamoDBEventRecord) ([]Counted, error) {
	if r.EventName == string(events.DynamoDBOperationTypeRemove) {
		return nil, nil
	}
	h, ok := r.Change.NewImage[counter.HistoryAttr]
	if !ok || h.DataType() != events.DataTypeString {
		return nil, nil
	}
	return DecodeHistory(h.String())
}
