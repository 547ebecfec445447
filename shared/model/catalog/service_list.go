package catalog

import (
	"context"
	"sort"

	"turnpike/shared/platform/store"
)

// Services reads every live service of a tenant, in id order (the signup
// looks for default application plans): the services directory, then the
// services by key.
func Services(ctx context.Context, s *store.Store, t int64) ([]*Service, error) {
	ids, _, err := DirPage(ctx, s, t, ServicesDir(), 1, 1<<30)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	keys := make([]store.Key, len(ids))
	for i, id := range ids {
		keys[i] = ServiceKey(t, id)
	}
	var all []*Service
	if err := s.GetMany(ctx, keys, &all); err != nil {
		return nil, err
	}
	out := all[:0]
	for _, svc := range all {
		if svc.State != ServiceDeleted {
			out = append(out, svc)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
