package usage

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/model/tenant"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/queue"
	"turnpike/shared/platform/store"
)

// Consumer is the usage consumer function: it counts each report of the
// batch exactly once (a redelivered message finds its markers and changes
// nothing) and reports the messages it could not apply, so that only those
// come back (and go to the dead-letter queue after 5 attempts). The report's
// history follows from its counter writes, through the counters table's
// stream.
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
	if gone, err := purged(ctx, d, &msg); err != nil || gone {
		if gone {
			slog.Info("usage: dropping a message of an erased tenant", "message", m.MessageId)
		}
		return err
	}
	w := newWrites(d)
	id := m.MessageId
	var later *Report
	if r := msg.Report; r != nil {
		if r.Origin != "" {
			id = r.Origin
		}
		if ok, err := Claim(ctx, d, r); err != nil || !ok {
			if err == nil {
				slog.Info("usage: dropping a report its sender withdrew", "message", m.MessageId, "report", r.ID)
			}
			return err
		}
		txs, ie, err := resolve(ctx, d, r)
		if err != nil {
			return err
		}
		if ie != nil {
			return usagelog.RecordError(ctx, d.Store, r.Tenant, r.Service, r.Received, id, ie.code, ie.message)
		}
		now := d.Now()
		waiting, err := w.counters(ctx, r.Tenant, txs, now)
		if err != nil {
			return err
		}
		later = laterReport(r, waiting, now, id)
		if err := w.reportHistory(r, txs, now); err != nil {
			return err
		}
	}
	if err := w.commit(ctx, id); err != nil {
		return err
	}
	// Only once what is due is committed: a failed send retries the message,
	// whose markers keep the committed part from counting twice.
	return deferReport(ctx, d, later)
}

// laterReport gathers the counter periods of transactions dated ahead that
// have not begun yet (nil if none): a transaction counts in the periods its
// timestamp names, so its hour counter waits for that hour (counted now, it
// would restart the counter's current hour early), while its day may already
// be the current one. The history takes it at once.
func laterReport(r *Report, waiting map[int][]string, now time.Time, id string) *Report {
	if len(waiting) == 0 {
		return nil
	}
	later := &Report{Tenant: r.Tenant, Service: r.Service, Received: r.Received, Origin: id + "/later"}
	for i, raw := range r.Txs {
		periods := waiting[i]
		if len(periods) == 0 {
			continue
		}
		raw.Only = periods
		later.Txs = append(later.Txs, raw)
		at, ok := params.ParseTimestamp(raw.Timestamp)
		if !ok {
			continue
		}
		for _, p := range periods {
			later.wait = max(later.wait, counter.Start(p, at).Sub(now))
		}
	}
	return later
}

// deferReport sends transactions dated ahead back to the queue, to be looked
// at again when their time comes (SQS delays a message 15 minutes at most).
func deferReport(ctx context.Context, d *deps.Deps, r *Report) error {
	if r == nil {
		return nil
	}
	if d.Usage == nil {
		return errors.New("usage: no queue to defer transactions dated ahead")
	}
	wait := min(r.wait, MaxDefer)
	if d.ReportRecheck > 0 {
		wait = min(wait, d.ReportRecheck)
	}
	bodies, err := SplitReport(r)
	if err != nil {
		return err
	}
	for _, b := range bodies {
		if err := d.Usage.SendDelayed(ctx, b, wait); err != nil {
			return err
		}
	}
	return nil
}

// MaxDefer is the longest delay SQS gives a message.
const MaxDefer = 15 * time.Minute

func mapOf(ds []Delta) map[int64]Delta {
	m := make(map[int64]Delta, len(ds))
	for _, d := range ds {
		m[d.Metric] = d
	}
	return m
}

// purged tells whether a tenant the message writes for no longer exists: a
// message still in flight when its tenant was erased must not leave history
// or errors behind (nothing would ever find them again).
func purged(ctx context.Context, d *deps.Deps, msg *Message) (bool, error) {
	seen := map[int64]bool{}
	check := func(id int64) (bool, error) {
		if id == 0 || seen[id] {
			return false, nil
		}
		seen[id] = true
		_, err := tenant.Load(ctx, d.Store, id)
		if errors.Is(err, store.ErrNotFound) {
			return true, nil
		}
		return false, err
	}
	if msg.Report != nil {
		if gone, err := check(msg.Report.Tenant); gone || err != nil {
			return gone, err
		}
	}
	return false, nil
}
