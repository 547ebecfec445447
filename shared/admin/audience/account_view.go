package audience

import (
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/wire"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// AccountView is what an account's representation needs besides the account.
type AccountView struct {
	Users  []*audience.User // nested in the XML; nil leaves them out
	Plan   *catalog.Plan    // the account plan bought, nested in the XML's <plans>
	Bought []*wire.Obj      // service and application plans bought at signup, after it in <plans>
	Apps   []*wire.Obj      // applications created at signup, nested in the XML; nil leaves them out
}

// AccountObj represents a developer account. JSON and XML order their fields
// differently, as 3scale's representer and to_xml do.
func AccountObj(base string, a *audience.Account, v AccountView) *wire.Obj {
	self := base + "/admin/api/accounts/" + itoa(a.ID)
	var deletion any
	if a.State == audience.AccountScheduled {
		deletion = a.StateChangedAt.Add(audience.DeletionDelay)
	}
	o := wire.NewObj("account").
		Set("id", a.ID).
		Set("created_at", a.CreatedAt).
		Set("updated_at", a.UpdatedAt).
		JSON("deletion_date", deletion).
		JSON("credit_card_stored", false).
		JSON("monthly_billing_enabled", !a.BillingOff).
		JSON("monthly_charging_enabled", !a.ChargingOff).
		Set("state", a.State).
		Set("annotations", annotations(a.Annotations)).
		XML("deletion_date", deletion).
		JSON("links", wire.Links{{Rel: "self", Href: self}, {Rel: "users", Href: self + "/users"}}).
		Set("org_name", a.OrgName)
	for _, name := range AccountFields {
		if val := a.Fields[name]; val != "" {
			o.Set(name, val)
		}
	}
	if a.State != audience.AccountSuspended && a.State != audience.AccountScheduled {
		o.XML("monthly_billing_enabled", !a.BillingOff).XML("monthly_charging_enabled", !a.ChargingOff)
	}
	o.XML("credit_card_stored", false)
	plans := []*wire.Obj{}
	if v.Plan != nil {
		plans = append(plans, boughtPlanObj(base, v.Plan, 0))
	}
	o.XML("plans", append(plans, v.Bought...))
	if v.Users != nil {
		items := make([]*wire.Obj, len(v.Users))
		for i, u := range v.Users {
			items[i] = UserObj(base, u)
		}
		o.XML("users", items)
	}
	if v.Apps != nil {
		o.XML("applications", v.Apps)
	}
	return o
}

// boughtPlanObj is a plan an account bought, as nested in the account's <plans>.
func boughtPlanObj(base string, p *catalog.Plan, defaultID int64) *wire.Obj {
	o := api.PlanObj(base, p, p.ID == defaultID)
	o.Name = "plan" // bought plans of every type are <plan> elements, told apart by <type>
	return o
}

func annotations(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// UserObj represents a user of a developer account.
func UserObj(base string, u *audience.User) *wire.Obj {
	acc := base + "/admin/api/accounts/" + itoa(u.Account)
	var email any
	if u.Email != "" {
		email = u.Email
	}
	return wire.NewObj("user").
		Set("id", u.ID).
		XML("created_at", u.CreatedAt).
		XML("updated_at", u.UpdatedAt).
		XML("account_id", u.Account).
		Set("state", u.State).
		Set("role", u.Role).
		JSON("created_at", u.CreatedAt).
		JSON("updated_at", u.UpdatedAt).
		Set("username", u.Username).
		Set("email", email).
		JSON("links", wire.Links{{Rel: "account", Href: acc}, {Rel: "self", Href: acc + "/users/" + itoa(u.ID)}})
}

// AppView is what an application's representation needs besides the application.
type AppView struct {
	ServiceName    string
	BackendVersion string
	PlanName       string
	OrgName        string
	AccountEnabled bool
	// PlanXML is the plan nested in the XML; referrer filters are listed there when the service requires them.
	PlanXML                 *wire.Obj
	ReferrerFiltersRequired bool
}

// ApplicationObj represents an application.
func ApplicationObj(base string, a *audience.Application, v AppView) *wire.Obj {
	acc := base + "/admin/api/accounts/" + itoa(a.Account)
	self := acc + "/applications/" + itoa(a.ID)
	o := wire.NewObj("application").
		Set("id", a.ID).
		XML("created_at", a.CreatedAt).
		XML("updated_at", a.UpdatedAt).
		Set("state", a.State).
		JSON("enabled", a.State == audience.AppLive && v.AccountEnabled).
		XML("user_account_id", a.Account).
		XMLAlways("first_traffic_at", nil).
		XMLAlways("first_daily_traffic_at", nil).
		JSON("created_at", a.CreatedAt).
		JSON("updated_at", a.UpdatedAt).
		Set("service_id", a.Service).
		JSON("service_name", v.ServiceName).
		JSON("plan_id", a.Plan).
		JSON("plan_name", v.PlanName).
		JSON("account_id", a.Account).
		JSON("org_name", v.OrgName).
		JSONKeep("first_traffic_at", nil).
		JSONKeep("first_daily_traffic_at", nil)
	if v.BackendVersion == "1" {
		o.Keep("user_key", a.UserKey).Always("provider_verification_key", nil)
	} else {
		o.Keep("application_id", a.AppID)
		if v.BackendVersion == "oauth" || v.BackendVersion == "oidc" {
			o.Set("redirect_url", a.RedirectURL)
			o.JSON("client_id", a.AppID)
			if len(a.Keys) > 0 {
				o.JSON("client_secret", a.Keys[0])
			}
		}
		keys := make([]*wire.Obj, len(a.Keys))
		for i, k := range a.Keys {
			keys[i] = keyElem(k)
		}
		o.XML("keys", keys)
	}
	o.XML("plan", v.PlanXML)
	o.Set("name", a.Name).Set("description", nonEmpty(a.Description))
	if v.ReferrerFiltersRequired {
		o.XML("referrer_filters", referrerElems(a.ReferrerFilters))
	}
	o.JSON("links", wire.Links{
		{Rel: "self", Href: self},
		{Rel: "service", Href: base + "/admin/api/services/" + itoa(a.Service)},
		{Rel: "account", Href: acc},
		{Rel: "plan", Href: base + "/admin/api/services/" + itoa(a.Service) + "/application_plans/" + itoa(a.Plan)},
		{Rel: "keys", Href: self + "/keys"},
		{Rel: "referrer_filters", Href: self + "/referrer_filters"},
	})
	return o
}

// keyElem renders <key>value</key> inside <keys>.
func keyElem(v string) *wire.Obj { return wire.NewObj("key").Text(v) }

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
