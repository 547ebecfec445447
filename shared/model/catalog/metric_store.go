package catalog

import (
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// AddMetric puts a new metric into tx with its unique system and friendly names.
func AddMetric(tx *store.Tx, t int64, m *Metric) {
	tx.Create(m, nil)
	tx.Create(store.NewClaim(t, "metric", MetricClaimValue(m.Service, m.SystemName), m.ID), apierr.Invalid("system_name", "has already been taken"))
	tx.Create(store.NewClaim(t, "metric_name", MetricClaimValue(m.Service, m.FriendlyName), m.ID), apierr.Invalid("friendly_name", "has already been taken"))
	for _, dir := range MetricDirs(m) {
		dirAdd(tx, t, dir, m.ID)
	}
}

// MetricDirs are the directories listing a metric: its service's metrics, and its methods for a method.
func MetricDirs(m *Metric) []string {
	if m.Parent != 0 {
		return []string{MetricsDir(m.Service), MethodsDir(m.Service)}
	}
	return []string{MetricsDir(m.Service)}
}

// MetricClaims are the keys of a metric's uniqueness claims.
func MetricClaims(t int64, m *Metric) []store.Key {
	return []store.Key{store.ClaimKey(t, "metric", MetricClaimValue(m.Service, m.SystemName)),
		store.ClaimKey(t, "metric_name", MetricClaimValue(m.Service, m.FriendlyName))}
}
