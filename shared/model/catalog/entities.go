// Package catalog is what a provider sells: services, their metrics and
// methods, plans, usage limits and pricing. It owns the items and the Account
// Management API operations on them.
package catalog

import (
	"strconv"
	"time"

	"turnpike/shared/platform/store"
)

// Service is a product (3scale "service").
type Service struct {
	store.Key
	ID                      int64     `dynamodbav:"id"`
	Tenant                  int64     `dynamodbav:"tenant"`
	Name                    string    `dynamodbav:"name"`
	SystemName              string    `dynamodbav:"system_name"`
	Description             string    `dynamodbav:"description,omitempty"`
	State                   string    `dynamodbav:"state"`
	BackendVersion          string    `dynamodbav:"backend_version"`
	DeploymentOption        string    `dynamodbav:"deployment_option"`
	SupportEmail            string    `dynamodbav:"support_email,omitempty"`
	ReferrerFiltersRequired bool      `dynamodbav:"referrer_filters_required"`
	DefaultServicePlan      int64     `dynamodbav:"default_service_plan,omitempty"`
	DefaultApplicationPlan  int64     `dynamodbav:"default_application_plan,omitempty"`
	CreatedAt               time.Time `dynamodbav:"created_at"`
	UpdatedAt               time.Time `dynamodbav:"updated_at"`
	ServiceSettings
}

// ServiceSettings are the remaining switches 3scale keeps on a service.
type ServiceSettings struct {
	IntentionsRequired        bool               `dynamodbav:"intentions_required"`
	BuyersManageApps          bool               `dynamodbav:"buyers_manage_apps"`
	BuyersManageKeys          bool               `dynamodbav:"buyers_manage_keys"`
	CustomKeysEnabled         bool               `dynamodbav:"custom_keys_enabled"`
	BuyerKeyRegenerateEnabled bool               `dynamodbav:"buyer_key_regenerate_enabled"`
	MandatoryAppKey           bool               `dynamodbav:"mandatory_app_key"`
	BuyerCanSelectPlan        bool               `dynamodbav:"buyer_can_select_plan"`
	BuyerPlanChangePermission string             `dynamodbav:"buyer_plan_change_permission"`
	NotificationSettings      map[string][]int64 `dynamodbav:"notification_settings,omitempty"`
	Annotations               map[string]string  `dynamodbav:"annotations,omitempty"`
	TxtSupport                string             `dynamodbav:"txt_support,omitempty"`
	Terms                     string             `dynamodbav:"terms,omitempty"`
}

// DefaultSettings are 3scale's defaults for a new service.
func DefaultSettings() ServiceSettings {
	return ServiceSettings{BuyersManageApps: true, BuyersManageKeys: true, CustomKeysEnabled: true,
		BuyerKeyRegenerateEnabled: true, MandatoryAppKey: true, BuyerPlanChangePermission: "request"}
}

// Service states that refuse authorizations.
const (
	ServiceSuspended = "suspended"
	ServiceDeleted   = "deleted"
)

// ServiceKey is a service's key.
func ServiceKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("SVC", id)}
}

// Metric is a metric or, with a Parent, a method.
type Metric struct {
	store.Key
	ID           int64     `dynamodbav:"id"`
	Service      int64     `dynamodbav:"service"`
	SystemName   string    `dynamodbav:"system_name"`
	FriendlyName string    `dynamodbav:"friendly_name"`
	Unit         string    `dynamodbav:"unit,omitempty"`
	Description  string    `dynamodbav:"description,omitempty"`
	Parent       int64     `dynamodbav:"parent,omitempty"`
	CreatedAt    time.Time `dynamodbav:"created_at"`
	UpdatedAt    time.Time `dynamodbav:"updated_at"`
}

// MetricKey keeps a service's metrics in one strongly consistent item
// collection: the hot path loads them all with one Query.
func MetricKey(tenant, service, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: MetricPrefix(service) + store.ID(id)}
}

// MetricPrefix selects every metric of a service.
func MetricPrefix(service int64) string { return "MET#" + store.ID(service) + "#" }

// Plan types.
const (
	ApplicationPlan = "application_plan"
	AccountPlan     = "account_plan"
	ServicePlan     = "service_plan"
)

// Plan is an application, account or service plan.
type Plan struct {
	store.Key
	store.Index
	ID                 int64     `dynamodbav:"id"`
	Type               string    `dynamodbav:"type"`
	Service            int64     `dynamodbav:"service,omitempty"` // issuer of application and service plans
	Name               string    `dynamodbav:"name"`
	SystemName         string    `dynamodbav:"system_name"`
	Description        string    `dynamodbav:"description,omitempty"`
	State              string    `dynamodbav:"state"`
	ApprovalRequired   bool      `dynamodbav:"approval_required"`
	SetupFee           float64   `dynamodbav:"setup_fee"`
	CostPerMonth       float64   `dynamodbav:"cost_per_month"`
	TrialPeriodDays    int64     `dynamodbav:"trial_period_days"`
	CancellationPeriod int64     `dynamodbav:"cancellation_period"`
	Custom             bool      `dynamodbav:"custom"`
	Original           int64     `dynamodbav:"original,omitempty"`
	Contracts          int64     `dynamodbav:"contracts"`                 // applications/subscriptions on the plan; a plan in use cannot be deleted
	PricingVersion     int64     `dynamodbav:"pricing_version,omitempty"` // bumped by every pricing rule change (optimistic lock)
	CreatedAt          time.Time `dynamodbav:"created_at"`
	UpdatedAt          time.Time `dynamodbav:"updated_at"`
}

// PlanKey is a plan's key (plans are addressed by id alone in 3scale's paths).
func PlanKey(tenant, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: store.SK("PLAN", id)}
}

// PlansOf lists the plans of one type issued by a service (GSI1).
func PlansOf(tenant, service int64, typ string) string {
	return store.Parent(tenant, "SVC", service, typ)
}

// AllPlansOf lists every plan of one type of a tenant (GSI2); plans of a
// deleted service leave this listing.
func AllPlansOf(tenant int64, typ string) string { return store.TenantPK(tenant) + "#" + typ }

// planIndex is where a plan is listed.
func planIndex(tenant int64, p *Plan) store.Index {
	x := store.Index{GSI2PK: AllPlansOf(tenant, p.Type), GSI2SK: store.ID(p.ID)}
	if p.Service != 0 {
		x.GSI1PK, x.GSI1SK = PlansOf(tenant, p.Service, p.Type), store.ID(p.ID)
	}
	return x
}

// DefaultAccountPlanKey is the item naming a tenant's default account plan
// (application and service plan defaults live on their service).
func DefaultAccountPlanKey(tenant int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: "DEFAULT#" + AccountPlan}
}

// DefaultPlanRef names a default plan.
type DefaultPlanRef struct {
	store.Key
	Plan int64 `dynamodbav:"plan"`
}

// Periods of usage limits, longest first (the order 3scale reports them in).
var Periods = []string{"eternity", "year", "month", "week", "day", "hour", "minute"}

// ValidPeriod tells whether p is a limit period.
func ValidPeriod(p string) bool {
	for _, q := range Periods {
		if q == p {
			return true
		}
	}
	return false
}

// Limit is a usage limit of a plan on a metric for a period.
type Limit struct {
	store.Key
	store.Index
	ID        int64     `dynamodbav:"id"`
	Plan      int64     `dynamodbav:"plan"`
	Metric    int64     `dynamodbav:"metric"`
	Period    string    `dynamodbav:"period"`
	Value     int64     `dynamodbav:"value"`
	CreatedAt time.Time `dynamodbav:"created_at"`
	UpdatedAt time.Time `dynamodbav:"updated_at"`
}

// LimitKey keeps a plan's limits in one strongly consistent item collection,
// so a limit change is seen by the very next authorization.
func LimitKey(tenant, plan, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: LimitPrefix(plan) + store.ID(id)}
}

// LimitPrefix selects every limit of a plan.
func LimitPrefix(plan int64) string { return "PLIM#" + store.ID(plan) + "#" }

// LimitClaim makes (plan, metric, period) unique.
func LimitClaim(plan, metric int64, period string) string {
	return strconv.FormatInt(plan, 10) + "#" + strconv.FormatInt(metric, 10) + "#" + period
}

// RulesOfMetric lists the limits and pricing rules on a metric across plans
// (GSI1), so deleting a metric can delete them.
func RulesOfMetric(tenant, metric int64) string { return store.Parent(tenant, "MET", metric, "RULES") }

// Sort key prefixes of limits and pricing rules in RulesOfMetric.
const (
	LimitIndexPrefix = "LIM#"
	RuleIndexPrefix  = "PRU#"
)

// PricingRule prices usage of a metric on a plan between Min and Max (0 = no upper bound).
type PricingRule struct {
	store.Key
	store.Index
	ID          int64     `dynamodbav:"id"`
	Plan        int64     `dynamodbav:"plan"`
	Metric      int64     `dynamodbav:"metric"`
	Min         int64     `dynamodbav:"min"`
	Max         int64     `dynamodbav:"max,omitempty"`
	CostPerUnit string    `dynamodbav:"cost_per_unit"` // exact decimal, as 3scale renders it
	CreatedAt   time.Time `dynamodbav:"created_at"`
	UpdatedAt   time.Time `dynamodbav:"updated_at"`
}

// PricingRuleKey keeps a plan's pricing rules beside its limits.
func PricingRuleKey(tenant, plan, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: PricingRulePrefix(plan) + store.ID(id)}
}

// PricingRulePrefix selects every pricing rule of a plan.
func PricingRulePrefix(plan int64) string { return "PRULE#" + store.ID(plan) + "#" }

// Feature scopes: which kind of plan a feature is for.
const (
	ScopeAccountPlan     = "account_plan"
	ScopeApplicationPlan = "application_plan"
	ScopeServicePlan     = "service_plan"
)

// Feature is something a plan may offer: the tenant's (Owner 0, for account
// plans) or a service's (for its application or service plans).
type Feature struct {
	store.Key
	ID          int64     `dynamodbav:"id"`
	Owner       int64     `dynamodbav:"owner"` // service id; 0 = the tenant itself
	Name        string    `dynamodbav:"name"`
	SystemName  string    `dynamodbav:"system_name"`
	Description string    `dynamodbav:"description,omitempty"`
	Scope       string    `dynamodbav:"scope"`
	Visible     bool      `dynamodbav:"visible"`
	Tenant      int64     `dynamodbav:"tenant"`
	CreatedAt   time.Time `dynamodbav:"created_at"`
	UpdatedAt   time.Time `dynamodbav:"updated_at"`
}

// FeatureKey is a feature's key under its owner.
func FeatureKey(tenant, owner, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: FeaturePrefix(owner) + store.ID(id)}
}

// FeaturePrefix selects every feature of an owner (a service, or 0 for the tenant).
func FeaturePrefix(owner int64) string { return "FEAT#" + store.ID(owner) + "#" }

// PlanFeature enables a feature on a plan.
type PlanFeature struct {
	store.Key
	store.Index
	Plan    int64 `dynamodbav:"plan"`
	Feature int64 `dynamodbav:"feature"`
}

// PlanFeatureKey keeps a plan's features together.
func PlanFeatureKey(tenant, plan, feature int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: PlanFeaturePrefix(plan) + store.ID(feature)}
}

// PlanFeaturePrefix selects every feature enabled on a plan.
func PlanFeaturePrefix(plan int64) string { return "PFEAT#" + store.ID(plan) + "#" }

// PlansWithFeature lists the plans a feature is enabled on (GSI1).
func PlansWithFeature(tenant, feature int64) string {
	return store.Parent(tenant, "FEAT", feature, "PLANS")
}
