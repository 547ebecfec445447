package catalog

import (
	"context"

	"turnpike/shared/platform/store"
)

// maxTx is the most items one transaction writes besides the configuration
// version bump (DynamoDB allows 100).
const maxTx = 99

// CommitWithDeletes commits tx together with the deletion of keys (the
// dependents of what tx deletes) when everything fits in one transaction.
// Otherwise the dependents go first, in transactions of maxTx items, and tx
// last: a failure halfway leaves the parent in place with fewer dependents,
// and repeating the request finishes the job. Each batch keeps an item and
// its uniqueness claim together, so no claim outlives its item or the reverse.
func CommitWithDeletes(ctx context.Context, s *store.Store, t int64, tx *store.Tx, keys []store.Key) error {
	if tx.Len()+len(keys) <= maxTx {
		for _, k := range keys {
			tx.Delete(k.PK, k.SK)
		}
		return tx.Commit(ctx)
	}
	for len(keys) > 0 {
		n := min(len(keys), maxTx)
		if n < len(keys) && n%2 == 1 {
			n-- // keys come in (item, claim) pairs where they have claims; never split one
		}
		batch := s.Tx(t)
		for _, k := range keys[:n] {
			batch.Delete(k.PK, k.SK)
		}
		if err := batch.Commit(ctx); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return tx.Commit(ctx)
}

// MetricRuleKeys lists the keys of a metric's limits (with their claims) and pricing rules.
func MetricRuleKeys(ctx context.Context, s *store.Store, t, metric int64) ([]store.Key, error) {
	var limits []*Limit
	q := store.Query{Index: store.GSI1, PK: RulesOfMetric(t, metric), Prefix: LimitIndexPrefix}
	if err := s.All(ctx, q, &limits); err != nil {
		return nil, err
	}
	var rules []*PricingRule
	q.Prefix = RuleIndexPrefix
	if err := s.All(ctx, q, &rules); err != nil {
		return nil, err
	}
	keys := LimitKeys(t, limits)
	for _, r := range rules {
		keys = append(keys, r.Key)
	}
	return keys, nil
}

// LimitKeys lists limits with their claims, in pairs.
func LimitKeys(t int64, limits []*Limit) []store.Key {
	keys := make([]store.Key, 0, 2*len(limits))
	for _, l := range limits {
		keys = append(keys, l.Key, store.ClaimKey(t, "limit", LimitClaim(l.Plan, l.Metric, l.Period)))
	}
	return keys
}
