package audience

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// LoadAccount reads a developer account of the tenant.
func LoadAccount(ctx context.Context, s *store.Store, tenant, id int64) (*Account, error) {
	var a Account
	if err := s.Read(ctx, AccountKey(tenant, id), &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// LoadApplication reads an application of the tenant.
func LoadApplication(ctx context.Context, s *store.Store, tenant, id int64) (*Application, error) {
	var a Application
	if err := s.Read(ctx, ApplicationKey(tenant, id), &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// FindClaim returns the owner of a uniqueness claim, or 0.
func FindClaim(ctx context.Context, s *store.Store, tenant int64, kind, value string) (int64, error) {
	var c store.Claim
	k := ClaimKey(tenant, kind, value)
	if err := s.Get(ctx, k.PK, k.SK, &c); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	return c.Owner, nil
}
