package webhook

import (
	"context"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
)

// Failure is an event whose every attempt failed, as 3scale keeps it: a list
// per tenant, oldest first, read and cleared through the failures API.
type Failure struct {
	store.Key
	ID    string    `dynamodbav:"id"` // the event's uuid
	Time  time.Time `dynamodbav:"time"`
	Error string    `dynamodbav:"error"`
	URL   string    `dynamodbav:"url"`
	Event string    `dynamodbav:"event"` // the event document
}

const failurePrefix = "WHFAIL#"

func newFailure(e *Event, a Attempt, at time.Time) *Failure {
	return &Failure{Key: store.Key{PK: store.TenantPK(e.Tenant), SK: fmt.Sprintf("%s%020d#%s", failurePrefix, at.UnixNano(), e.UUID)},
		ID: e.UUID, Time: at, Error: a.Error, URL: a.URL, Event: e.Body}
}

// Failures lists a tenant's failures, oldest first.
func Failures(ctx context.Context, s *store.Store, tenant int64) ([]*Failure, error) {
	var out []*Failure
	err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: failurePrefix}, &out)
	return out, err
}

// ClearFailures deletes a tenant's failures: all of them when upTo is zero,
// else those recorded at or before upTo (3scale pops them from the head of
// its list while their time is not after upTo).
func ClearFailures(ctx context.Context, s *store.Store, tenant int64, upTo time.Time) error {
	all, err := Failures(ctx, s, tenant)
	if err != nil {
		return err
	}
	var keys []store.Key
	for _, f := range all {
		if !upTo.IsZero() && f.Time.Truncate(time.Second).After(upTo) { // the list shows seconds
			break
		}
		keys = append(keys, f.Key)
	}
	return s.DeleteKeys(ctx, keys)
}
