package proxy

import (
	"context"
	"errors"
	"time"

	"turnpike/shared/platform/store"
)

// The catalog's items, read with only the attributes gateway configuration
// needs. They are the catalog's keys and attribute names (catalog.ServiceKey,
// catalog.MetricPrefix, catalog.ServiceTokenPrefix): kept here until the
// catalog's entities live in the model, so no handler package reads another's.
type serviceItem struct {
	ID               int64     `dynamodbav:"id"`
	Tenant           int64     `dynamodbav:"tenant"`
	Name             string    `dynamodbav:"name"`
	SystemName       string    `dynamodbav:"system_name"`
	Description      string    `dynamodbav:"description"`
	State            string    `dynamodbav:"state"`
	BackendVersion   string    `dynamodbav:"backend_version"`
	DeploymentOption string    `dynamodbav:"deployment_option"`
	SupportEmail     string    `dynamodbav:"support_email"`
	CreatedAt        time.Time `dynamodbav:"created_at"`
	UpdatedAt        time.Time `dynamodbav:"updated_at"`
}

type metricItem struct {
	ID         int64  `dynamodbav:"id"`
	SystemName string `dynamodbav:"system_name"`
	Parent     int64  `dynamodbav:"parent"`
}

type tokenItem struct {
	Value string `dynamodbav:"value"`
}

// Catalog is what gateway configuration reads of a product.
type Catalog struct {
	Product *Product
	Metrics map[int64]string // id → system name, methods included
	Hits    int64            // the hits metric (0 if gone)
	Token   string           // the first service token ("" if none)
}

// ErrNoProduct means the tenant has no live product with that id.
var ErrNoProduct = errors.New("proxy: no such product")

// LoadCatalog reads a live product, its metrics and its service token.
func LoadCatalog(ctx context.Context, s *store.Store, tenant, service int64, subdomain string) (*Catalog, error) {
	var svc serviceItem
	pk := store.TenantPK(tenant)
	if err := s.Get(ctx, pk, store.SK("SVC", service), &svc); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, ErrNoProduct
		}
		return nil, err
	}
	if svc.State == "deleted" {
		return nil, ErrNoProduct
	}
	var ms []*metricItem
	if err := s.All(ctx, store.Query{PK: pk, Prefix: "MET#" + store.ID(service) + "#"}, &ms); err != nil {
		return nil, err
	}
	var toks []*tokenItem
	if err := s.All(ctx, store.Query{PK: pk, Prefix: "STOK#" + store.ID(service) + "#"}, &toks); err != nil {
		return nil, err
	}
	c := &Catalog{Metrics: map[int64]string{}, Product: &Product{ID: svc.ID, Tenant: tenant, Name: svc.Name,
		SystemName: svc.SystemName, Description: svc.Description, State: svc.State, BackendVersion: svc.BackendVersion,
		DeploymentOption: svc.DeploymentOption, SupportEmail: svc.SupportEmail, TenantSubdomain: subdomain,
		CreatedAt: svc.CreatedAt, UpdatedAt: svc.UpdatedAt}}
	for _, m := range ms {
		c.Metrics[m.ID] = m.SystemName
		if m.SystemName == "hits" && m.Parent == 0 {
			c.Hits = m.ID
		}
	}
	if len(toks) > 0 {
		c.Token = toks[0].Value
	}
	return c, nil
}
