package catalog

import (
	"strconv"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/wire"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ServiceView is what a service's representation needs besides the service.
type ServiceView struct {
	Metrics      []*catalog.Metric // nested in the XML; nil for none
	SupportEmail string            // the tenant's, shown when the service has none (as 3scale does)
}

func serviceURL(base string, id int64) string { return base + "/admin/api/services/" + itoa(id) }

// ServiceObj represents a service. JSON and XML carry the same facts in
// 3scale's two different orders.
func ServiceObj(base string, s *catalog.Service, v ServiceView) *wire.Obj {
	self := serviceURL(base, s.ID)
	email := s.SupportEmail
	if email == "" {
		email = v.SupportEmail
	}
	o := wire.NewObj("service").
		Set("id", s.ID).
		XML("account_id", s.Tenant).
		Set("name", s.Name).
		Set("state", s.State).
		Set("system_name", s.SystemName).
		Set("backend_version", s.BackendVersion).
		JSON("deployment_option", s.DeploymentOption).
		JSON("support_email", nonEmpty(email)).
		JSON("description", nonEmpty(s.Description)).
		XML("description", s.Description).
		Set("intentions_required", s.IntentionsRequired).
		Set("buyers_manage_apps", s.BuyersManageApps).
		Set("buyers_manage_keys", s.BuyersManageKeys).
		Set("referrer_filters_required", s.ReferrerFiltersRequired).
		Set("custom_keys_enabled", s.CustomKeysEnabled).
		Set("buyer_key_regenerate_enabled", s.BuyerKeyRegenerateEnabled).
		Set("mandatory_app_key", s.MandatoryAppKey).
		Set("buyer_can_select_plan", s.BuyerCanSelectPlan).
		Set("buyer_plan_change_permission", s.BuyerPlanChangePermission).
		XML("annotations", annotations(s.Annotations))
	if s.NotificationSettings != nil {
		o.JSON("notification_settings", s.NotificationSettings).XML("notification_settings", notificationXML(s.NotificationSettings))
	}
	o.JSON("annotations", annotations(s.Annotations)).
		XML("deployment_option", s.DeploymentOption).
		XML("support_email", email).
		JSON("created_at", s.CreatedAt).
		JSON("updated_at", s.UpdatedAt).
		JSON("links", wire.Links{
			{Rel: "metrics", Href: self + "/metrics"},
			{Rel: "self", Href: self},
			{Rel: "service_plans", Href: self + "/service_plans"},
			{Rel: "application_plans", Href: self + "/application_plans"},
			{Rel: "features", Href: self + "/features"},
		})
	if v.Metrics != nil {
		units := unitsOf(v.Metrics)
		items := make([]*wire.Obj, len(v.Metrics))
		for i, m := range v.Metrics {
			items[i] = MetricObj(base, m, units[m.Parent])
		}
		o.XML("metrics", items)
	}
	return o
}

func annotations(a map[string]string) map[string]string {
	if a == nil {
		return map[string]string{}
	}
	return a
}

// notificationXML renders each alert list as 3scale's XML does: "[50, 100]".
func notificationXML(n map[string][]int64) map[string]string {
	out := make(map[string]string, len(n))
	for k, levels := range n {
		s := "["
		for i, l := range levels {
			if i > 0 {
				s += ", "
			}
			s += itoa(l)
		}
		out[k] = s + "]"
	}
	return out
}

// unitsOf maps metric ids to units, for methods (which show their parent's unit).
func unitsOf(ms []*catalog.Metric) map[int64]string {
	u := map[int64]string{}
	for _, m := range ms {
		u[m.ID] = m.Unit
	}
	return u
}

// MetricObj represents a metric as the metrics endpoints show it. A method
// appears there as a metric with its parent_id and its parent's unit in JSON,
// and as <method> in XML.
func MetricObj(base string, m *catalog.Metric, parentUnit string) *wire.Obj {
	svc := serviceURL(base, m.Service)
	o := wire.NewObj("metric")
	if m.Parent != 0 {
		o.XMLName("method")
	}
	o.Set("id", m.ID).
		Set("name", m.SystemName).
		Set("system_name", m.SystemName).
		Set("friendly_name", m.FriendlyName).
		XML("service_id", m.Service).
		JSON("description", nonEmpty(m.Description)).
		XML("description", m.Description)
	if m.Parent == 0 {
		o.Set("unit", m.Unit)
	} else {
		o.JSON("unit", nonEmpty(parentUnit)).Set("parent_id", m.Parent)
		o.XML("metric_id", m.Parent)
	}
	return o.JSON("created_at", m.CreatedAt).
		JSON("updated_at", m.UpdatedAt).
		JSON("links", wire.Links{{Rel: "service", Href: svc}, {Rel: "self", Href: svc + "/metrics/" + itoa(m.ID)}})
}

// MethodObj represents a method as the methods endpoints show it.
func MethodObj(base string, m *catalog.Metric) *wire.Obj {
	parent := serviceURL(base, m.Service) + "/metrics/" + itoa(m.Parent)
	return wire.NewObj("method").
		Set("id", m.ID).
		Set("name", m.SystemName).
		Set("system_name", m.SystemName).
		Set("friendly_name", m.FriendlyName).
		XML("service_id", m.Service).
		JSON("description", nonEmpty(m.Description)).
		XML("description", m.Description).
		JSON("parent_id", m.Parent).
		XML("metric_id", m.Parent).
		JSON("created_at", m.CreatedAt).
		JSON("updated_at", m.UpdatedAt).
		JSON("links", wire.Links{{Rel: "parent", Href: parent}, {Rel: "self", Href: parent + "/methods/" + itoa(m.ID)}})
}

// LimitObj represents a usage limit.
func LimitObj(base string, l *catalog.Limit, service int64) *wire.Obj {
	metric := serviceURL(base, service) + "/metrics/" + itoa(l.Metric)
	plan := base + "/admin/api/application_plans/" + itoa(l.Plan)
	return wire.NewObj("limit").
		Set("id", l.ID).
		XML("metric_id", l.Metric).
		XML("plan_id", l.Plan).
		Set("period", l.Period).
		Set("value", l.Value).
		JSON("metric_id", l.Metric).
		JSON("plan_id", l.Plan).
		JSON("created_at", l.CreatedAt).
		JSON("updated_at", l.UpdatedAt).
		JSON("links", wire.Links{
			{Rel: "metric", Href: metric},
			{Rel: "self", Href: plan + "/metrics/" + itoa(l.Metric) + "/limits/" + itoa(l.ID)},
			{Rel: "plan", Href: plan},
		})
}

// PricingRuleObj represents a pricing rule; its cost is a decimal string, as 3scale renders it.
func PricingRuleObj(base string, r *catalog.PricingRule, service int64) *wire.Obj {
	plan := base + "/admin/api/application_plans/" + itoa(r.Plan)
	var max any
	if r.Max != 0 {
		max = r.Max
	}
	return wire.NewObj("pricing_rule").
		Set("id", r.ID).
		Set("metric_id", r.Metric).
		XML("plan_id", r.Plan).
		Set("cost_per_unit", r.CostPerUnit).
		Set("min", r.Min).
		Set("max", max).
		JSON("created_at", r.CreatedAt).
		JSON("updated_at", r.UpdatedAt).
		JSON("links", wire.Links{
			{Rel: "metric", Href: serviceURL(base, service) + "/metrics/" + itoa(r.Metric)},
			{Rel: "self", Href: plan + "/metrics/" + itoa(r.Metric) + "/pricing_rules/" + itoa(r.ID)},
			{Rel: "plan", Href: plan},
		})
}

// FeatureObj represents a feature of the tenant (account plans) or of a service.
func FeatureObj(base string, f *catalog.Feature) *wire.Obj {
	o := wire.NewObj("feature").
		Set("id", f.ID).
		Set("name", f.Name).
		Set("system_name", f.SystemName)
	var links wire.Links
	if f.Owner == 0 {
		o.XML("account_id", f.Tenant)
		links = wire.Links{{Rel: "self", Href: base + "/admin/api/features/" + itoa(f.ID)}}
	} else {
		o.XML("service_id", f.Owner)
		svc := serviceURL(base, f.Owner)
		links = wire.Links{{Rel: "self", Href: svc + "/features/" + itoa(f.ID)}, {Rel: "service", Href: svc}}
	}
	return o.Set("scope", f.Scope).
		Set("visible", f.Visible).
		JSON("description", nonEmpty(f.Description)).
		XML("description", f.Description).
		JSON("created_at", f.CreatedAt).
		JSON("updated_at", f.UpdatedAt).
		JSON("links", links)
}

// ServiceTokenObj represents a service token (a Turnpike extension of the admin API).
func ServiceTokenObj(t *catalog.ServiceToken) *wire.Obj {
	return wire.NewObj("service_token").
		Set("id", t.ID).
		Set("service_id", t.Service).
		Set("value", t.Value).
		Set("created_at", t.CreatedAt)
}
