package catalog

import (
	"context"
	"log/slog"
	"math"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// DeleteService is DELETE /admin/api/services/{service_id}: a soft delete.
// The service turns "deleted": reads answer 404, lists leave it out, its
// system name is free again. The tenant's default service and its last
// service cannot be deleted (3scale's InvalidTransition answer).
func DeleteService(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		t, err := tenant.Load(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		_, live, err := catalog.DirPage(ctx, d.Store, q.Tenant(), catalog.ServicesDir(), 1, 1)
		if err != nil {
			return api.Result{}, err
		}
		if svc.ID == t.DefaultService || live <= 1 || !contains(markAsDeleted.from, svc.State) {
			view, err := serviceView(ctx, d, q, svc)
			if err != nil {
				return api.Result{}, err
			}
			return api.Result{}, invalidTransition(svc.State, "mark_as_deleted", ServiceObj(q.BaseURL(), svc, view))
		}
		seen := svc.State
		svc.State, svc.UpdatedAt = catalog.ServiceDeleted, q.Now
		tx := d.Store.Tx(q.Tenant())
		tx.UpdateIf(svc.Key, catalog.ChangeOf(svc, "state", "updated_at"), store.Is("state", seen), apierr.Msg(http.StatusConflict, "The service changed meanwhile; retry"))
		ck := store.ClaimKey(q.Tenant(), "service", svc.SystemName)
		tx.Delete(ck.PK, ck.SK)
		catalog.DirRemove(tx, q.Tenant(), catalog.ServicesDir(), svc.ID)
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		// No plan can be added to a deleted service, so its plans can now
		// leave the tenant-wide plan lists. If this fails halfway the delete
		// still stands: the lists skip plans of deleted services and repair them.
		if err := unlistPlans(ctx, d.Store, q.Tenant(), svc.ID); err != nil {
			slog.Warn("service deleted; its plans stay in the tenant-wide lists until read", "service", svc.ID, "error", err)
		}
		return api.Deleted(), nil
	})
}

// unlistPlans removes a deleted service's plans from the tenant-wide plan lists.
func unlistPlans(ctx context.Context, s *store.Store, t, service int64) error {
	var keys []store.Key
	for _, typ := range []string{catalog.ApplicationPlan, catalog.ServicePlan} {
		ids, _, err := catalog.DirPage(ctx, s, t, catalog.PlansDir(service, typ), 1, math.MaxInt32)
		if err != nil {
			return err
		}
		for _, id := range ids {
			keys = append(keys, catalog.PlanKey(t, id))
		}
	}
	var plans []*catalog.Plan
	if err := s.GetMany(ctx, keys, &plans); err != nil {
		return err
	}
	return unlist(ctx, s, t, plans)
}

// unlist removes plans from the tenant-wide lists (index and directory), a
// batch per transaction. A batch that meets a plan already unlisted (two
// requests repairing at once) is redone plan by plan.
func unlist(ctx context.Context, s *store.Store, t int64, plans []*catalog.Plan) error {
	const batch = 40 // a plan and, at worst, a chunk of its directory each
	for len(plans) > 0 {
		n := min(len(plans), batch)
		err := unlistTx(ctx, s, t, plans[:n])
		if err == store.ErrConflict {
			for _, p := range plans[:n] {
				if err := unlistTx(ctx, s, t, []*catalog.Plan{p}); err != nil && err != store.ErrConflict {
					return err
				}
			}
		} else if err != nil {
			return err
		}
		plans = plans[n:]
	}
	return nil
}

func unlistTx(ctx context.Context, s *store.Store, t int64, plans []*catalog.Plan) error {
	tx := s.Tx(t)
	byType := map[string][]int64{}
	for _, p := range plans {
		tx.UpdateIf(p.Key, store.NewChange().Remove("GSI2PK").Remove("GSI2SK"), store.Has("GSI2PK"), store.ErrConflict)
		byType[p.Type] = append(byType[p.Type], p.ID)
	}
	for typ, ids := range byType {
		catalog.DirRemoveMany(tx, t, catalog.PlansDir(0, typ), ids, store.ErrConflict)
	}
	return tx.Commit(ctx)
}
