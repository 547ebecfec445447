package audience

import (
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/wire"
)

// InvitationObj represents an invitation (never its token).
func InvitationObj(base string, inv *audience.Invitation) *wire.Obj {
	acc := base + "/admin/api/accounts/" + itoa(inv.Account)
	var user any
	if inv.User != 0 {
		user = inv.User
	}
	return wire.NewObj("invitation").
		Set("id", inv.ID).
		Set("account_id", inv.Account).
		Set("email", inv.Email).
		Set("state", inv.State).
		Set("user_id", user).
		Set("accepted_at", inv.AcceptedAt).
		Set("created_at", inv.CreatedAt).
		Set("updated_at", inv.UpdatedAt).
		JSON("links", wire.Links{{Rel: "self", Href: acc + "/invitations/" + itoa(inv.ID)}, {Rel: "account", Href: acc}})
}
