package audience

import (
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/wire"
)

// KeyObj represents an application key of the keys list.
func KeyObj(base string, a *audience.Application, value string) *wire.Obj {
	t := a.KeyTimes[value]
	if t.IsZero() {
		t = a.CreatedAt // keys given at creation, before times were kept
	}
	return wire.NewObj("key").
		Set("value", value).
		JSON("created_at", t).
		Set("updated_at", t).
		XML("created_at", t).
		JSON("links", wire.Links{{Rel: "application", Href: appURL(base, a)}})
}

// appURL is the application's admin API address.
func appURL(base string, a *audience.Application) string {
	return base + "/admin/api/accounts/" + itoa(a.Account) + "/applications/" + itoa(a.ID)
}
