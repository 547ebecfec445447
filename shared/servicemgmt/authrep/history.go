package authrep

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"time"

	"turnpike/shared/platform/queue"
	"turnpike/shared/servicemgmt/usage"
)

// recorder collects what authreps counted and sends it to the usage queue in
// batches, at most FlushEvery apart: the history costs the hot path no write.
// What a process holds when it dies (a Lambda container being reclaimed) is
// lost to the history; the counters themselves are exact.
type recorder struct {
	q       *queue.Queue
	mu      sync.Mutex
	pending []usage.Counted
}

// FlushEvery is how often a process sends what authrep counted (HISTORY_FLUSH overrides it).
var FlushEvery = func() time.Duration {
	if v, err := time.ParseDuration(os.Getenv("HISTORY_FLUSH")); err == nil && v > 0 {
		return v
	}
	return time.Second
}()

// maxPending bounds what a process keeps when the queue cannot be reached.
const maxPending = 100000

// startRecorder builds the recorder of an authrep handler and starts its
// flushing loop, for the life of the process; nil without a queue.
func startRecorder(q *queue.Queue) *recorder {
	if q == nil {
		return nil
	}
	r := &recorder{q: q}
	go r.loop()
	return r
}

func (r *recorder) record(t *usage.Counted) {
	if r == nil {
		return
	}
	r.mu.Lock()
	if len(r.pending) < maxPending {
		r.pending = append(r.pending, *t)
	}
	r.mu.Unlock()
}

func (r *recorder) loop() {
	for range time.Tick(FlushEvery) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r.flush(ctx)
		cancel()
	}
}

// flush sends everything pending, in messages under the queue's size limit.
func (r *recorder) flush(ctx context.Context) {
	r.mu.Lock()
	batch := r.pending
	r.pending = nil
	r.mu.Unlock()
	q := r.q
	if len(batch) == 0 {
		return
	}
	const per = 1000 // about 100 bytes each: well under usage.MaxMessage
	for i := 0; i < len(batch); i += per {
		part := batch[i:min(len(batch), i+per)]
		body, err := (&usage.Message{Counted: part}).Encode()
		if err == nil {
			err = q.Send(ctx, body)
		}
		if err != nil {
			slog.Error("authrep: usage history not sent, will retry", "transactions", len(batch)-i, "error", err)
			r.mu.Lock()
			if len(r.pending)+len(batch)-i <= maxPending {
				r.pending = append(batch[i:], r.pending...)
			}
			r.mu.Unlock()
			return
		}
	}
}

// transaction is what this authorized authrep counted (nil for log-only calls, as in 3scale).
func (s *state) transaction() *usage.Counted {
	code, _ := s.logCode()
	t := &usage.Counted{Tenant: s.tg.tenant, Service: s.tg.service.svc.ID, App: s.app.ID, At: s.now.Unix(), Code: code,
		Usage: make([]usage.Delta, 0, len(s.usage))}
	for _, dl := range s.usage {
		if dl.N != 0 || dl.Set {
			t.Usage = append(t.Usage, dl)
		}
	}
	if len(t.Usage) == 0 {
		return nil
	}
	return t
}

// logCode is log[code], when log is a hash with a code.
func (s *state) logCode() (string, bool) {
	l, ok := s.c.p.Map("log")
	if !ok {
		return "", false
	}
	c, ok := l.String("code")
	return c, ok
}
