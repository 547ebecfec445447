package audience

import (
	"context"
	"errors"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// ClaimUserID looks a user id up: it names the user's account, for
// GET /admin/api/accounts/find?user_id=.
const ClaimUserID = "userid"

// UserClaim is a user's username or email claim, or its id lookup: besides the
// user it names the account, so that finding an account by them is one read.
type UserClaim struct {
	store.Key
	Owner   int64 `dynamodbav:"owner"`
	Account int64 `dynamodbav:"account"`
}

var (
	ErrUsernameTaken = apierr.Invalid("username", "has already been taken")
	ErrEmailTaken    = apierr.Invalid("email", "has already been taken")
)

// ClaimUser adds a new user's claims to a transaction: a username or email
// already claimed in the tenant fails the whole transaction.
func ClaimUser(tx *store.Tx, tenant int64, u *User) *store.Tx {
	tx.Create(&UserClaim{Key: ClaimKey(tenant, ClaimUsername, u.Username), Owner: u.ID, Account: u.Account}, ErrUsernameTaken)
	if u.Email != "" {
		tx.Create(&UserClaim{Key: ClaimKey(tenant, ClaimEmail, u.Email), Owner: u.ID, Account: u.Account}, ErrEmailTaken)
	}
	return tx.Create(&UserClaim{Key: UserIDKey(tenant, u.ID), Owner: u.ID, Account: u.Account}, nil)
}

// ReleaseUser deletes a user, if it is still as read, and its claims.
func ReleaseUser(tx *store.Tx, tenant int64, u *User) *store.Tx {
	tx.DeleteIf(u.Key, store.UnchangedSince(u.UpdatedAt), store.ErrStale)
	for _, k := range userClaims(tenant, u) {
		tx.Delete(k.PK, k.SK)
	}
	return tx
}

// userClaims are the claims a user owns.
func userClaims(tenant int64, u *User) []store.Key {
	keys := []store.Key{ClaimKey(tenant, ClaimUsername, u.Username), UserIDKey(tenant, u.ID)}
	if u.Email != "" {
		keys = append(keys, ClaimKey(tenant, ClaimEmail, u.Email))
	}
	return keys
}

func UserIDKey(tenant, id int64) store.Key { return ClaimKey(tenant, ClaimUserID, store.ID(id)) }

// FindUserClaim reads a claim; nil when there is none.
func FindUserClaim(ctx context.Context, s *store.Store, k store.Key) (*UserClaim, error) {
	var c UserClaim
	if err := s.Get(ctx, k.PK, k.SK, &c); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	return &c, nil
}

// LoadUser reads a user of a developer account.
func LoadUser(ctx context.Context, s *store.Store, tenant, account, id int64) (*User, error) {
	var u User
	if err := s.Read(ctx, UserKey(tenant, account, id), &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// AccountUsers lists the users of an account in id order (one consistent Query).
func AccountUsers(ctx context.Context, s *store.Store, tenant, account int64) ([]*User, error) {
	users := []*User{}
	err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: UserPrefix(account)}, &users)
	return users, err
}
