package audience

import (
	"context"
	"strings"
	"time"

	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/store"
)

// Invitation states.
const (
	InvitationPending  = "pending"
	InvitationAccepted = "accepted"
)

// Invitation invites someone, by email, to become a user of a developer
// account. The email carries a secret token; accepting the invitation with
// the token creates the user (a Turnpike extension: 3scale has invitations in
// its portals only).
type Invitation struct {
	store.Key
	ID         int64     `dynamodbav:"id"`
	Account    int64     `dynamodbav:"account"`
	Email      string    `dynamodbav:"email"`
	State      string    `dynamodbav:"state"`
	User       int64     `dynamodbav:"user,omitempty"` // the user created by accepting it
	CreatedAt  time.Time `dynamodbav:"created_at"`
	UpdatedAt  time.Time `dynamodbav:"updated_at"`
	AcceptedAt time.Time `dynamodbav:"accepted_at,omitempty"`
	Digest     string    `dynamodbav:"digest"` // of the token; the token itself is only in the email
}

// InvitationKey keeps an account's invitations together.
func InvitationKey(tenant, account, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: InvitationPrefix(account) + store.ID(id)}
}

// InvitationPrefix selects every invitation of an account.
func InvitationPrefix(account int64) string { return "INV#" + store.ID(account) + "#" }

// Claim kinds of invitations: the token lookup, and one pending invitation per email and account.
const (
	claimInvitationToken = "invtoken"
	claimInvitedEmail    = "invited"
)

func InvitationTokenKey(tenant int64, digest string) store.Key {
	return ClaimKey(tenant, claimInvitationToken, digest)
}

func InvitedEmailKey(tenant, account int64, email string) store.Key {
	return ClaimKey(tenant, claimInvitedEmail, store.ID(account)+"#"+strings.ToLower(email))
}

// InvitationClaims are the claims a pending invitation holds.
func InvitationClaims(tenant int64, inv *Invitation) []store.Key {
	if inv.State != InvitationPending {
		return nil
	}
	return []store.Key{InvitationTokenKey(tenant, inv.Digest), InvitedEmailKey(tenant, inv.Account, inv.Email)}
}

// LoadInvitation reads an invitation of an account.
func LoadInvitation(ctx context.Context, s *store.Store, tenant, account, id int64) (*Invitation, error) {
	var inv Invitation
	if err := s.Read(ctx, InvitationKey(tenant, account, id), &inv); err != nil {
		return nil, err
	}
	return &inv, nil
}

func NewInvitationToken() (token, digest string) {
	token = credential.Random(24)
	return token, credential.Hash(token)
}
