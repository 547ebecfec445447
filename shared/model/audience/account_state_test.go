package audience

import (
	"testing"
)

func TestAccountTransitions(t *testing.T) {
	states := []string{AccountCreated, AccountPending, AccountApproved, AccountRejected, AccountSuspended, AccountScheduled}
	want := map[string]map[string]string{ // event → from → to; absent = refused
		EventMakePending:         {AccountCreated: AccountPending, AccountApproved: AccountPending, AccountRejected: AccountPending},
		EventApprove:             {AccountCreated: AccountApproved, AccountPending: AccountApproved, AccountRejected: AccountApproved},
		EventReject:              {AccountCreated: AccountRejected, AccountPending: AccountRejected, AccountApproved: AccountRejected},
		EventSuspend:             {AccountCreated: AccountSuspended, AccountPending: AccountSuspended, AccountApproved: AccountSuspended, AccountRejected: AccountSuspended},
		EventResume:              {AccountSuspended: AccountApproved, AccountScheduled: AccountApproved},
		EventScheduleForDeletion: {AccountCreated: AccountScheduled, AccountPending: AccountScheduled, AccountApproved: AccountScheduled, AccountRejected: AccountScheduled, AccountSuspended: AccountScheduled},
		"explode":                {},
	}
	for event, m := range want {
		for _, from := range states {
			to, err := AccountTransition(from, event)
			if exp, ok := m[from]; ok {
				if err != nil || to != exp {
					t.Errorf("%s from %s: got %q, %v; want %q", event, from, to, err, exp)
				}
			} else if err == nil {
				t.Errorf("%s from %s: allowed (→ %s), want refused", event, from, to)
			}
		}
	}
}

func TestUserTransitions(t *testing.T) {
	want := map[string]map[string]string{
		EventActivate:  {UserPending: UserActive, UserActive: UserActive},
		EventSuspend:   {UserActive: UserSuspended, UserSuspended: UserSuspended},
		EventUnsuspend: {UserSuspended: UserActive},
	}
	for event, m := range want {
		for _, from := range []string{UserPending, UserActive, UserSuspended} {
			to, err := UserTransition(from, event)
			if exp, ok := m[from]; ok {
				if err != nil || to != exp {
					t.Errorf("%s from %s: got %q, %v; want %q", event, from, to, err, exp)
				}
			} else if err == nil {
				t.Errorf("%s from %s: allowed, want refused", event, from)
			}
		}
	}
}
