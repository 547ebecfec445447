package outbox

import (
	"turnpike/shared/model/outbox"
	"turnpike/shared/platform/wire"
)

// Obj represents an email.
func Obj(e *outbox.Email) *wire.Obj {
	o := wire.NewObj("email").
		Set("id", e.ID).
		Set("kind", e.Kind)
	if e.Account != 0 {
		o.Set("account_id", e.Account)
	}
	return o.Set("to", e.To).
		Set("subject", e.Subject).
		Set("body", e.Body).
		Set("state", e.State).
		Set("created_at", e.CreatedAt).
		Set("sent_at", e.SentAt)
}
