package catalog

import (
	"context"

	"turnpike/shared/platform/store"
)

// LoadService reads a live (not deleted) service of the tenant.
func LoadService(ctx context.Context, s *store.Store, tenant, id int64) (*Service, error) {
	var svc Service
	if err := s.Read(ctx, ServiceKey(tenant, id), &svc); err != nil {
		return nil, err
	}
	if svc.State == ServiceDeleted {
		return nil, store.ErrNotFound
	}
	return &svc, nil
}

// LoadPlan reads a plan of the tenant; typ "" accepts any type.
func LoadPlan(ctx context.Context, s *store.Store, tenant, id int64, typ string) (*Plan, error) {
	var p Plan
	if err := s.Read(ctx, PlanKey(tenant, id), &p); err != nil {
		return nil, err
	}
	if typ != "" && p.Type != typ {
		return nil, store.ErrNotFound
	}
	return &p, nil
}

// LoadMetric reads a metric of a service.
func LoadMetric(ctx context.Context, s *store.Store, tenant, service, id int64) (*Metric, error) {
	var m Metric
	if err := s.Read(ctx, MetricKey(tenant, service, id), &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Metrics lists a service's metrics and methods in id order (one consistent Query).
func Metrics(ctx context.Context, s *store.Store, tenant, service int64) ([]*Metric, error) {
	var out []*Metric
	err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: MetricPrefix(service)}, &out)
	return out, err
}

// Limits lists a plan's usage limits in id order (one consistent Query).
func Limits(ctx context.Context, s *store.Store, tenant, plan int64) ([]*Limit, error) {
	var out []*Limit
	err := s.All(ctx, store.Query{PK: store.TenantPK(tenant), Prefix: LimitPrefix(plan)}, &out)
	return out, err
}
