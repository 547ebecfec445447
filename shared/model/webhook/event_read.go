package webhook

import (
	"context"

	"turnpike/shared/platform/store"
)

// EventsQuery selects a tenant's events, oldest first (the delivery log).
func EventsQuery(tenant int64) store.Query {
	return store.Query{Index: store.GSI1, PK: eventsOf(tenant)}
}

// LoadEvent reads an event by its id; store.ErrNotFound if the tenant has none.
func LoadEvent(ctx context.Context, s *store.Store, tenant, id int64) (*Event, error) {
	var e Event
	ok, err := s.First(ctx, store.Query{Index: store.GSI1, PK: eventsOf(tenant), Prefix: store.ID(id)}, &e)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, store.ErrNotFound
	}
	// The index may lag: read the item itself.
	var fresh Event
	if err := s.Get(ctx, e.PK, e.SK, &fresh); err != nil {
		return nil, err
	}
	return &fresh, nil
}
