package webhook

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// Poster posts a document to a receiver: status is 0 when no response came;
// err is nil only for a 2xx answer.
type Poster interface {
	Post(ctx context.Context, url string, headers map[string]string, body []byte) (status int, err error)
}

// Policy is 3scale's retry schedule: one attempt and 5 retries about a
// minute apart, then the failure is recorded.
type Policy struct {
	Attempts int
	Interval time.Duration // between attempts, on the domain clock
	Lease    time.Duration // longer than any post can take
}

// DefaultPolicy is 3scale's.
var DefaultPolicy = Policy{Attempts: 6, Interval: 60 * time.Second, Lease: 2 * time.Minute}

// Outcome says what the queue is to do with the message.
type Outcome int

const (
	// Done: the message is finished with (delivered, failed for good, or not this message's to deliver).
	Done Outcome = iota
	// Retry: the attempt failed; come back after the policy's interval.
	Retry
	// Wait: not yet due, or an earlier event of the same object is still pending.
	Wait
)

var errBusy = errors.New("webhook: event held by another delivery")

// Deliver makes one attempt at the event a message names, if it is due and
// no earlier event of its object waits, and records it: delivered on a 2xx,
// else retried later, or failed for good after the last attempt (a failure
// record is written with it). A message for an event no longer pending, or
// held by another delivery, is Done, so a redelivered message posts nothing.
func Deliver(ctx context.Context, s *store.Store, p Poster, m Message, pol Policy, now func() time.Time) (Outcome, error) {
	e := &Event{}
	if err := s.Get(ctx, store.TenantPK(m.Tenant), m.SK, e); errors.Is(err, store.ErrNotFound) {
		return Done, nil
	} else if err != nil {
		return Retry, err
	}
	t := now()
	if e.State != Pending {
		return Done, nil
	}
	if e.Due > t.UnixNano() {
		return Wait, nil
	}
	if waiting, err := earlierPending(ctx, s, e); err != nil || waiting {
		return Wait, err
	}
	tries := e.Tries
	e.Lease = t.Add(pol.Lease).UnixNano()
	err := s.Tx(0).PutIf(e, store.Is("state", Pending).And(store.Is("tries", tries), store.Below("lease", t.UnixNano())),
		errBusy).Commit(ctx)
	if errors.Is(err, errBusy) {
		return Done, nil
	}
	if err != nil {
		return Retry, err
	}
	cfg, err := LoadConfig(ctx, s, m.Tenant)
	if err != nil {
		return Retry, err
	}
	return attempt(ctx, s, p, e, cfg, pol, now)
}

// attempt posts the event and records the outcome, under the lease taken.
func attempt(ctx context.Context, s *store.Store, p Poster, e *Event, cfg *Config, pol Policy, now func() time.Time) (Outcome, error) {
	start := now()
	a := Attempt{At: start, URL: cfg.URL}
	var err error
	if cfg.URL == "" {
		err = errors.New("no webhook URL configured")
	} else {
		a.Status, err = p.Post(ctx, cfg.URL, Headers(cfg.Secret, e.UUID, start, []byte(e.Body)), []byte(e.Body))
	}
	end := now()
	a.Millis = end.Sub(start).Milliseconds()
	lease := e.Lease
	e.Attempts, e.Tries, e.Lease = append(e.Attempts, a), e.Tries+1, 0
	tx := s.Tx(0)
	out := Done
	switch {
	case err == nil:
		e.State, e.GSI2PK, e.GSI2SK = Delivered, "", ""
	case e.Tries >= pol.Attempts:
		a.Error = err.Error()
		e.Attempts[len(e.Attempts)-1] = a
		e.State, e.GSI2PK, e.GSI2SK = Failed, "", ""
		tx.Put(newFailure(e, a, end))
	default:
		a.Error = err.Error()
		e.Attempts[len(e.Attempts)-1] = a
		e.Due = end.Add(pol.Interval).UnixNano()
		e.GSI2SK = pendingSK(e.Due, e.Tenant, e.ID)
		out = Retry
	}
	cerr := tx.PutIf(e, store.Is("lease", lease), errBusy).Commit(ctx)
	if errors.Is(cerr, errBusy) {
		return Done, nil // the lease ran out and another delivery took over
	}
	return out, cerr
}

// earlierPending tells whether the event of the same object just before e
// is still pending: events of one object go out in order. Looking at that
// one alone is enough, since none is delivered while an earlier one of its
// object is pending (an event redelivered by hand is the exception: later
// events do not wait for it).
func earlierPending(ctx context.Context, s *store.Store, e *Event) (bool, error) {
	var prev Event
	ok, err := s.Previous(ctx, e.PK, objectPrefix(e.Type, e.Object), e.SK, &prev)
	return ok && prev.State == Pending, err
}
