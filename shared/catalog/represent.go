package catalog

import (
	"strconv"

	"turnpike/shared/wire"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ServiceObj represents a service; metrics, when given, are nested in the XML.
func ServiceObj(base string, s *Service, metrics []*Metric) *wire.Obj {
	self := base + "/admin/api/services/" + itoa(s.ID)
	o := wire.NewObj("service").
		Set("id", s.ID).
		XML("account_id", s.Tenant).
		Set("name", s.Name).
		Set("state", s.State).
		Set("system_name", s.SystemName).
		Set("backend_version", s.BackendVersion).
		Set("deployment_option", s.DeploymentOption).
		Set("support_email", nonEmpty(s.SupportEmail)).
		Set("description", nonEmpty(s.Description)).
		Set("referrer_filters_required", s.ReferrerFiltersRequired).
		Set("created_at", s.CreatedAt).
		Set("updated_at", s.UpdatedAt).
		JSON("links", wire.Links{
			{Rel: "metrics", Href: self + "/metrics"},
			{Rel: "self", Href: self},
			{Rel: "service_plans", Href: self + "/service_plans"},
			{Rel: "application_plans", Href: self + "/application_plans"},
			{Rel: "features", Href: self + "/features"},
		})
	if metrics != nil {
		items := make([]*wire.Obj, len(metrics))
		for i, m := range metrics {
			items[i] = MetricObj(base, m)
		}
		o.XML("metrics", items)
	}
	return o
}

// MetricObj represents a metric, or a method when it has a parent.
func MetricObj(base string, m *Metric) *wire.Obj {
	svc := base + "/admin/api/services/" + itoa(m.Service)
	name := "metric"
	if m.Parent != 0 {
		name = "method"
	}
	o := wire.NewObj(name).
		Set("id", m.ID).
		Set("name", m.SystemName).
		Set("system_name", m.SystemName).
		Set("friendly_name", m.FriendlyName).
		XML("service_id", m.Service).
		Set("description", nonEmpty(m.Description))
	if m.Parent == 0 {
		o.Set("unit", m.Unit)
	} else {
		o.JSON("parent_id", m.Parent).XML("metric_id", m.Parent)
	}
	o.Set("created_at", m.CreatedAt).Set("updated_at", m.UpdatedAt)
	if m.Parent == 0 {
		o.JSON("links", wire.Links{{Rel: "service", Href: svc}, {Rel: "self", Href: svc + "/metrics/" + itoa(m.ID)}})
	} else {
		parent := svc + "/metrics/" + itoa(m.Parent)
		o.JSON("links", wire.Links{{Rel: "parent", Href: parent}, {Rel: "self", Href: parent + "/methods/" + itoa(m.ID)}})
	}
	return o
}

// PlanObj represents a plan of any type.
func PlanObj(base string, p *Plan, isDefault bool) *wire.Obj {
	o := wire.NewObj(p.Type)
	if p.Type == ApplicationPlan {
		o.Attr("custom", p.Custom).Attr("default", isDefault)
	} else if isDefault {
		o.Attr("default", true)
	}
	o.Set("id", p.ID).
		Set("name", p.Name).
		XML("type", p.Type).
		Set("state", p.State).
		Set("approval_required", p.ApprovalRequired).
		Set("setup_fee", p.SetupFee).
		Set("cost_per_month", p.CostPerMonth).
		Set("trial_period_days", p.TrialPeriodDays).
		Set("cancellation_period", p.CancellationPeriod).
		JSON("default", isDefault).
		Set("created_at", p.CreatedAt).
		Set("updated_at", p.UpdatedAt)
	if p.Type == ApplicationPlan {
		o.JSON("custom", p.Custom).Set("system_name", p.SystemName)
	}
	if p.Service != 0 {
		o.XML("service_id", p.Service)
		svc := base + "/admin/api/services/" + itoa(p.Service)
		sub := "/application_plans/"
		if p.Type == ServicePlan {
			sub = "/service_plans/"
		}
		o.JSON("links", wire.Links{{Rel: "service", Href: svc}, {Rel: "self", Href: svc + sub + itoa(p.ID)}})
	}
	return o
}

// LimitObj represents a usage limit.
func LimitObj(base string, l *Limit, service int64) *wire.Obj {
	metric := base + "/admin/api/services/" + itoa(service) + "/metrics/" + itoa(l.Metric)
	plan := base + "/admin/api/application_plans/" + itoa(l.Plan)
	return wire.NewObj("limit").
		Set("id", l.ID).
		Set("metric_id", l.Metric).
		Set("plan_id", l.Plan).
		Set("period", l.Period).
		Set("value", l.Value).
		Set("created_at", l.CreatedAt).
		Set("updated_at", l.UpdatedAt).
		JSON("links", wire.Links{
			{Rel: "metric", Href: metric},
			{Rel: "self", Href: plan + "/metrics/" + itoa(l.Metric) + "/limits/" + itoa(l.ID)},
			{Rel: "plan", Href: plan},
		})
}

// ServiceTokenObj represents a service token (a Turnpike extension of the admin API).
func ServiceTokenObj(t *ServiceToken) *wire.Obj {
	return wire.NewObj("service_token").
		Set("id", t.ID).
		Set("service_id", t.Service).
		Set("value", t.Value).
		Set("created_at", t.CreatedAt)
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
