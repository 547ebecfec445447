package tenant

import (
	"errors"
	"fmt"
	"time"
)

// Tenant events: 3scale's account state machine as the Master API drives it
// (state_event on update, schedule_for_deletion on delete).
const (
	EventMakePending         = "make_pending"
	EventApprove             = "approve"
	EventReject              = "reject"
	EventSuspend             = "suspend"
	EventResume              = "resume"
	EventScheduleForDeletion = "schedule_for_deletion"
)

// UpdateEvents are the events PUT /master/api/providers/{id} accepts.
var UpdateEvents = []string{EventMakePending, EventApprove, EventReject, EventSuspend, EventResume}

// transitions maps an event to the states it leaves from and the state it
// reaches; a nil from-list means any state.
var transitions = map[string]struct {
	from []string
	to   string
}{
	EventMakePending:         {[]string{Created, Approved, Rejected}, Pending},
	EventApprove:             {[]string{Created, Pending, Rejected}, Approved},
	EventReject:              {[]string{Created, Pending, Approved}, Rejected},
	EventSuspend:             {nil, Suspended},
	EventResume:              {[]string{Suspended, ScheduledForDeletion}, Approved},
	EventScheduleForDeletion: {nil, ScheduledForDeletion},
}

// ErrCannotTransition means the event is not allowed from the tenant's state.
var ErrCannotTransition = errors.New("tenant: cannot transition")

// TransitionError names the refused event.
type TransitionError struct{ Event, From string }

func (e *TransitionError) Error() string {
	return fmt.Sprintf("tenant: cannot %s from %s", e.Event, e.From)
}

// Unwrap lets errors.Is match ErrCannotTransition.
func (e *TransitionError) Unwrap() error { return ErrCannotTransition }

// Fire applies an event: the new state and the time it changed. An unknown
// event is refused like a disallowed one.
func (t *Tenant) Fire(event string, now time.Time) error {
	tr, ok := transitions[event]
	// Once an immediate purge was asked, the tenant is on its way out for good.
	if !ok || !allowed(tr.from, t.State) || !t.PurgeRequestedAt.IsZero() {
		return &TransitionError{Event: event, From: t.State}
	}
	t.State, t.StateChangedAt, t.UpdatedAt = tr.to, now, now
	return nil
}

func allowed(from []string, state string) bool {
	if from == nil {
		return true
	}
	for _, s := range from {
		if s == state {
			return true
		}
	}
	return false
}

// Active tells whether the tenant may use its admin API and its applications
// may be authorized: not while suspended or scheduled for deletion.
func (t *Tenant) Active() bool { return t.State != Suspended && t.State != ScheduledForDeletion }

// Purgeable tells whether the tenant may be erased on demand: only once it is
// suspended or scheduled for deletion, never while in use.
func (t *Tenant) Purgeable() bool { return !t.Active() }

// DeletionDate is when a tenant scheduled for deletion is erased (zero otherwise).
func (t *Tenant) DeletionDate() time.Time {
	if t.State != ScheduledForDeletion {
		return time.Time{}
	}
	return t.StateChangedAt.Add(DeletionDelay)
}
