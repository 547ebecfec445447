package audience

import (
	"slices"

	"turnpike/shared/platform/apierr"
)

// Account events and the states each may leave from (3scale's buyer account
// state machine; suspend, resume and schedule_for_deletion are reachable
// through Turnpike's own endpoints).
const (
	EventApprove             = "approve"
	EventReject              = "reject"
	EventMakePending         = "make_pending"
	EventSuspend             = "suspend"
	EventResume              = "resume"
	EventScheduleForDeletion = "schedule_for_deletion"
)

type transition struct {
	from []string
	to   string
}

var accountEvents = map[string]transition{
	EventMakePending: {[]string{AccountCreated, AccountApproved, AccountRejected}, AccountPending},
	EventApprove:     {[]string{AccountCreated, AccountPending, AccountRejected}, AccountApproved},
	EventReject:      {[]string{AccountCreated, AccountPending, AccountApproved}, AccountRejected},
	EventSuspend:     {[]string{AccountCreated, AccountPending, AccountApproved, AccountRejected}, AccountSuspended},
	EventResume:      {[]string{AccountSuspended, AccountScheduled}, AccountApproved},
	EventScheduleForDeletion: {[]string{AccountCreated, AccountPending, AccountApproved, AccountRejected, AccountSuspended},
		AccountScheduled},
}

// AccountTransition is the state an event leads to from state, or the 422 3scale
// answers for a transition that is not allowed.
func AccountTransition(state, event string) (string, error) {
	t, ok := accountEvents[event]
	if !ok || !slices.Contains(t.from, state) {
		return "", cannotTransition(event)
	}
	return t.to, nil
}

func cannotTransition(event string) error {
	return apierr.Invalid("state", `cannot transition via "`+event+`"`)
}

// AccountEnabled tells whether the applications of an account in state may
// be used (3scale's application "enabled" is live and its account enabled):
// not while the account is suspended or scheduled for deletion.
func AccountEnabled(state string) bool {
	return state != AccountSuspended && state != AccountScheduled
}

// User events.
const (
	EventActivate  = "activate"
	EventUnsuspend = "unsuspend"
)

// UserTransition is the state a user event leads to. Activating an active
// user and suspending a suspended one change nothing, as in 3scale.
func UserTransition(state, event string) (string, error) {
	switch {
	case event == EventActivate && (state == UserPending || state == UserActive):
		return UserActive, nil
	case event == EventSuspend && (state == UserActive || state == UserSuspended):
		return UserSuspended, nil
	case event == EventUnsuspend && state == UserSuspended:
		return UserActive, nil
	}
	return "", cannotTransition(event)
}

// ActivatedAccountState is where an account waiting in "created" goes when its
// first user becomes active.
func ActivatedAccountState(approvalRequired bool) string {
	if approvalRequired {
		return AccountPending
	}
	return AccountApproved
}
