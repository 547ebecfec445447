package catalog

import (
	"time"

	"turnpike/shared/platform/store"
)

// What the applications code needs to give an application a plan of its own
// (customize_plan) and to take it back, with the catalog's bookkeeping kept
// right: directories that list plans, uniqueness claims, per-metric indexes.

// CopyLimit is limit l copied onto another plan under a new id.
func CopyLimit(t int64, l *Limit, plan, id int64, now time.Time) *Limit {
	c := *l
	c.ID, c.Plan, c.CreatedAt, c.UpdatedAt = id, plan, now, now
	c.Key = LimitKey(t, plan, id)
	c.Index = store.Index{GSI1PK: RulesOfMetric(t, l.Metric), GSI1SK: LimitIndexPrefix + store.ID(id)}
	return &c
}

// AddLimit puts a new limit and its uniqueness claim into tx.
func AddLimit(tx *store.Tx, t int64, l *Limit) {
	tx.Create(l, nil)
	tx.Create(store.NewClaim(t, "limit", LimitClaim(l.Plan, l.Metric, l.Period), l.ID), ErrPeriodTaken)
}

// LimitItems lists the items of limits, each followed by its claim.
func LimitItems(t int64, limits []*Limit) []store.Key { return LimitKeys(t, limits) }

// RemovePlans puts into tx the deletion of plans, their claims and their
// directory entries (not their limits: see LimitItems); failed is returned if
// a plan is gone. Plans sharing a directory chunk leave it in one update, as
// a transaction may touch an item only once.
func RemovePlans(tx *store.Tx, t int64, plans []*Plan, failed error) {
	var dirs []string
	ids := map[string][]int64{}
	for _, p := range plans {
		tx.DeleteExisting(p.Key, failed)
		ck := store.ClaimKey(t, "plan", PlanClaim(p))
		tx.Delete(ck.PK, ck.SK)
		for _, dir := range PlanDirs(p) {
			if ids[dir] == nil {
				dirs = append(dirs, dir)
			}
			ids[dir] = append(ids[dir], p.ID)
		}
	}
	for _, dir := range dirs {
		DirRemoveMany(tx, t, dir, ids[dir], failed)
	}
}
