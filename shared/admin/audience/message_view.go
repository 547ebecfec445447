package audience

import (
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/wire"
)

// MessageObj represents a message.
func MessageObj(base string, m *audience.Message) *wire.Obj {
	acc := base + "/admin/api/accounts/" + itoa(m.Account)
	return wire.NewObj("message").
		Set("id", m.ID).
		Set("account_id", m.Account).
		Set("subject", m.Subject).
		Set("body", m.Body).
		Set("state", m.State).
		Set("created_at", m.CreatedAt).
		Set("updated_at", m.UpdatedAt).
		JSON("links", wire.Links{{Rel: "account", Href: acc}})
}
