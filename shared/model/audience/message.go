package audience

import (
	"time"

	"turnpike/shared/platform/store"
)

// Message is a message from the provider to a developer account, kept for the
// account to read; its admins also get it by email (see package outbox).
type Message struct {
	store.Key
	ID        int64     `dynamodbav:"id"`
	Account   int64     `dynamodbav:"account"`
	Subject   string    `dynamodbav:"subject"`
	Body      string    `dynamodbav:"body"`
	State     string    `dynamodbav:"state"`
	CreatedAt time.Time `dynamodbav:"created_at"`
	UpdatedAt time.Time `dynamodbav:"updated_at"`
}

// MessageSent is the state of a message: delivered to the account at once.
const MessageSent = "sent"

// MessageKey keeps an account's messages together.
func MessageKey(tenant, account, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: MessagePrefix(account) + store.ID(id)}
}

// MessagePrefix selects every message of an account.
func MessagePrefix(account int64) string { return "MSG#" + store.ID(account) + "#" }
