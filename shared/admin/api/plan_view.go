package api

import (
	"strconv"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/wire"
)

// The representations here are shown by the handlers of more than one admin
// package (a plan appears in the catalog and in a developer's account,
// application and subscription), so they live with the admin HTTP layer.

// PlanObj represents a plan of any type: "<type>" in JSON, <plan> in XML.
func PlanObj(base string, p *catalog.Plan, isDefault bool) *wire.Obj {
	o := wire.NewObj(p.Type).XMLName("plan")
	if p.Type == catalog.ApplicationPlan {
		o.Attr("custom", p.Custom).Attr("default", isDefault)
	} else if isDefault {
		o.Attr("default", true)
	}
	o.Set("id", p.ID).
		Set("name", p.Name).
		XML("type", p.Type).
		Set("state", p.State).
		XML("approval_required", p.ApprovalRequired).
		Set("setup_fee", p.SetupFee).
		Set("cost_per_month", p.CostPerMonth).
		Set("trial_period_days", p.TrialPeriodDays).
		Set("cancellation_period", p.CancellationPeriod).
		JSON("approval_required", p.ApprovalRequired).
		JSON("default", isDefault).
		JSON("created_at", p.CreatedAt).
		JSON("updated_at", p.UpdatedAt)
	if p.Type == catalog.ApplicationPlan {
		o.JSON("custom", p.Custom).JSON("system_name", p.SystemName).XML("service_id", p.Service)
	}
	if p.Service != 0 {
		svc := base + "/admin/api/services/" + strconv.FormatInt(p.Service, 10)
		sub := "/application_plans/"
		if p.Type == catalog.ServicePlan {
			sub = "/service_plans/"
		}
		o.JSON("links", wire.Links{{Rel: "service", Href: svc}, {Rel: "self", Href: svc + sub + strconv.FormatInt(p.ID, 10)}})
	}
	return o
}
