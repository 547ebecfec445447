// Package catalog is what a provider sells: services, their metrics and
// methods, plans, usage limits and pricing. It owns the items and the Account
// Management API operations on them.
package catalog

import (
	"strconv"
	"time"

	"turnpike/shared/store"
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
	Contracts          int64     `dynamodbav:"contracts"` // applications/subscriptions on the plan; a plan in use cannot be deleted
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

// limitClaim makes (plan, metric, period) unique.
func limitClaim(plan, metric int64, period string) string {
	return store.Unique("limit", strconv.FormatInt(plan, 10)+"#"+strconv.FormatInt(metric, 10)+"#"+period)
}
