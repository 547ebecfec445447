package api

import (
	"context"
	"errors"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// Load reads one item by key; a missing item is the API's 404.
func Load(ctx context.Context, s *store.Store, k store.Key, out any) error {
	if err := s.Get(ctx, k.PK, k.SK, out); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return apierr.NotFound()
		}
		return err
	}
	return nil
}
