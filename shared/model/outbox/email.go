// Package outbox keeps the emails Turnpike sends to developers (messages from
// the provider, invitations). An email is written in the same transaction as
// the change that causes it, so none is lost or sent for a change that failed;
// a Sender delivers queued emails later. Without a Sender (locally) the outbox
// is simply read through GET /admin/api/outbox.json.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
)

// Email states.
const (
	Queued = "queued"
	Sent   = "sent"
)

// Email is one email to one recipient.
type Email struct {
	store.Key
	store.Index           // GSI2 lists the tenant's queued emails, for delivery
	ID          int64     `dynamodbav:"id"`
	Kind        string    `dynamodbav:"kind"` // "message", "invitation"
	Account     int64     `dynamodbav:"account,omitempty"`
	To          string    `dynamodbav:"to"`
	Subject     string    `dynamodbav:"subject"`
	Body        string    `dynamodbav:"body"`
	State       string    `dynamodbav:"state"`
	CreatedAt   time.Time `dynamodbav:"created_at"`
	SentAt      time.Time `dynamodbav:"sent_at,omitempty"`
}

// Prefix selects the tenant's emails in the main table, oldest first.
const Prefix = "MAIL#"

// Key is an email's key.
func Key(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("MAIL", id)}
}

func queuedOf(tenant int64) string { return store.TenantPK(tenant) + "#MAIL#" + Queued }

// New builds a queued email; add it to the transaction of the change that sends it.
func New(tenant, id int64, kind, to, subject, body string, account int64, now time.Time) *Email {
	return &Email{Key: Key(tenant, id), Index: store.Index{GSI2PK: queuedOf(tenant), GSI2SK: store.ID(id)},
		ID: id, Kind: kind, Account: account, To: to, Subject: subject, Body: body, State: Queued, CreatedAt: now}
}

// Sender delivers an email (through SES, SMTP...); it must be safe to call
// twice for one email, as a delivery may be retried after a crash.
type Sender interface {
	Send(ctx context.Context, e *Email) error
}

// Deliver hands a tenant's queued emails to sender, oldest first, and marks
// each sent. It stops at the first failure, leaving the rest queued.
func Deliver(ctx context.Context, s *store.Store, tenant int64, sender Sender, now time.Time) (int, error) {
	var queued []*Email
	if err := s.All(ctx, store.Query{Index: store.GSI2, PK: queuedOf(tenant)}, &queued); err != nil {
		return 0, err
	}
	for i, e := range queued {
		if err := sender.Send(ctx, e); err != nil {
			return i, fmt.Errorf("outbox: send email %d: %w", e.ID, err)
		}
		sent := store.NewChange().Set("state", Sent).Set("sent_at", now.UTC()).Remove("GSI2PK").Remove("GSI2SK")
		err := s.Tx(tenant).UpdateIf(e.Key, sent, store.Is("state", Queued), nil).Commit(ctx)
		if err != nil && !errors.Is(err, store.ErrConflict) { // marked sent by a concurrent run
			return i, err
		}
	}
	return len(queued), nil
}
