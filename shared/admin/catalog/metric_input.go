package catalog

import (
	"context"
	"errors"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// readMetric reads a metric's or a method's parameters. On create the system
// name comes from system_name (or its deprecated alias name), else from the
// friendly name; it cannot change afterwards. Methods have no unit of their own.
func readMetric(q *api.Request, m *catalog.Metric, creating bool) error {
	var v apierr.Validation
	if s, ok, err := q.Str("friendly_name"); err != nil {
		return err
	} else if ok || creating {
		m.FriendlyName = s
	}
	if s, ok, err := q.Str("description"); err != nil {
		return err
	} else if ok {
		m.Description = s
	}
	if m.Parent == 0 {
		if s, ok, err := q.Str("unit"); err != nil {
			return err
		} else if ok || creating {
			m.Unit = s
		}
		if m.Unit == "" {
			v.Add("unit", "can't be blank")
		} else if len(m.Unit) > 255 {
			v.Add("unit", "is too long (maximum is 255 characters)")
		}
	}
	if m.FriendlyName == "" {
		v.Add("friendly_name", "can't be blank")
	} else if len(m.FriendlyName) > 255 {
		v.Add("friendly_name", "is too long (maximum is 255 characters)")
	}
	if len(m.Description) > 65535 {
		v.Add("description", "is too long (maximum is 65535 characters)")
	}
	if creating {
		sys, _, err := q.Str("system_name")
		if err != nil {
			return err
		}
		if sys == "" {
			if sys, _, err = q.Str("name"); err != nil {
				return err
			}
		}
		if sys == "" && m.FriendlyName != "" {
			sys = catalog.SystemNameFor("metric", m.FriendlyName)
		}
		m.SystemName = sys
		if m.FriendlyName != "" || sys != "" {
			catalog.CheckSystemName(&v, sys)
		}
	}
	return v.Err()
}

// checkServiceLive adds to tx the condition that the service is not deleted.
func checkServiceLive(tx *store.Tx, svc *catalog.Service) {
	tx.Require(svc.Key, store.Exists().And(store.IsNot("state", catalog.ServiceDeleted)), store.ErrNotFound)
}

// createMetric stores a new metric or method of svc.
func createMetric(ctx context.Context, d *deps.Deps, q *api.Request, svc *catalog.Service, m *catalog.Metric) error {
	var err error
	if m.ID, err = d.Store.NextID(ctx); err != nil {
		return err
	}
	m.Key = catalog.MetricKey(q.Tenant(), svc.ID, m.ID)
	tx := d.Store.Tx(q.Tenant())
	catalog.AddMetric(tx, q.Tenant(), m)
	checkServiceLive(tx, svc)
	if m.Parent != 0 {
		pk := catalog.MetricKey(q.Tenant(), svc.ID, m.Parent)
		tx.MustExist(pk, store.ErrNotFound)
	}
	return tx.Commit(ctx)
}

// updateMetric reads the changes of a metric or method and stores them,
// moving the friendly name's claim when it changes.
func updateMetric(ctx context.Context, d *deps.Deps, q *api.Request, m *catalog.Metric) error {
	oldName := m.FriendlyName
	if err := readMetric(q, m, false); err != nil {
		return err
	}
	m.UpdatedAt = q.Now
	tx := d.Store.Tx(q.Tenant())
	tx.Update(m.Key, catalog.ChangeOf(m, "friendly_name", "unit", "description", "updated_at"), store.ErrNotFound)
	if m.FriendlyName != oldName {
		old := store.ClaimKey(q.Tenant(), "metric_name", catalog.MetricClaimValue(m.Service, oldName))
		tx.Delete(old.PK, old.SK)
		tx.Create(store.NewClaim(q.Tenant(), "metric_name", catalog.MetricClaimValue(m.Service, m.FriendlyName), m.ID),
			apierr.Invalid("friendly_name", "has already been taken"))
	}
	return tx.Commit(ctx)
}

// deleteMetric deletes a metric or method with its limits and pricing rules;
// hits cannot be deleted.
func deleteMetric(ctx context.Context, d *deps.Deps, q *api.Request, m *catalog.Metric) error {
	if m.SystemName == "hits" && m.Parent == 0 {
		return apierr.Refused("base", "The hits metric cannot be deleted")
	}
	dependents, err := catalog.MetricRuleKeys(ctx, d.Store, q.Tenant(), m.ID)
	if err != nil {
		return err
	}
	tx := d.Store.Tx(q.Tenant())
	tx.DeleteExisting(m.Key, store.ErrNotFound)
	for _, k := range catalog.MetricClaims(q.Tenant(), m) {
		tx.Delete(k.PK, k.SK)
	}
	for _, dir := range catalog.MetricDirs(m) {
		catalog.DirRemove(tx, q.Tenant(), dir, m.ID)
	}
	return catalog.CommitWithDeletes(ctx, d.Store, q.Tenant(), tx, dependents)
}

// pathMetric loads the service and the metric (or method) named by the path.
func pathMetric(ctx context.Context, d *deps.Deps, q *api.Request, idVar string) (*catalog.Service, *catalog.Metric, error) {
	svc, err := pathService(ctx, d, q)
	if err != nil {
		return nil, nil, err
	}
	id, err := q.ID(idVar)
	if err != nil {
		return nil, nil, err
	}
	m, err := catalog.LoadMetric(ctx, d.Store, q.Tenant(), svc.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return svc, m, nil
}

// parentUnit is the unit a method shows: its parent's.
func parentUnit(ctx context.Context, d *deps.Deps, t int64, m *catalog.Metric) (string, error) {
	if m.Parent == 0 {
		return "", nil
	}
	p, err := catalog.LoadMetric(ctx, d.Store, t, m.Service, m.Parent)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return "", nil
		}
		return "", err
	}
	return p.Unit, nil
}
