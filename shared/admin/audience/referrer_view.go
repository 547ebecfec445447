package audience

import (
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/wire"
)

// referrerElems renders <referrer_filter>value</referrer_filter> items of an application's XML.
func referrerElems(values []string) []*wire.Obj {
	out := make([]*wire.Obj, len(values))
	for i, v := range values {
		out[i] = wire.NewObj("referrer_filter").Text(v)
	}
	return out
}

// ReferrerObj represents a referrer filter.
func ReferrerObj(base string, a *audience.Application, r audience.Referrer) *wire.Obj {
	return wire.NewObj("referrer_filter").
		JSON("id", r.ID).
		Set("value", r.Value).
		XML("id", r.ID).
		JSON("created_at", r.CreatedAt).
		Set("updated_at", r.CreatedAt).
		XML("created_at", r.CreatedAt).
		JSON("links", wire.Links{{Rel: "application", Href: appURL(base, a)}})
}
