package catalog

import (
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// AddPlan puts a new plan (its ID, Type, Service set) into tx: the plan with
// its key and indexes, its unique system name, its listings. The applications
// code creates custom plans with it.
func AddPlan(tx *store.Tx, t int64, p *Plan) {
	p.Key = PlanKey(t, p.ID)
	p.Index = planIndex(t, p)
	tx.Create(p, nil)
	tx.Create(store.NewClaim(t, "plan", PlanClaim(p), p.ID), apierr.Invalid("system_name", "has already been taken"))
	for _, dir := range PlanDirs(p) {
		dirAdd(tx, t, dir, p.ID)
	}
}

// PlanDirs are the directories listing a plan: its service's plans of its
// type, and all the tenant's plans of its type.
func PlanDirs(p *Plan) []string {
	if p.Service == 0 {
		return []string{PlansDir(0, p.Type)}
	}
	return []string{PlansDir(p.Service, p.Type), PlansDir(0, p.Type)}
}
