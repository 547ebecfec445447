package catalog

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/deps"
	"turnpike/shared/store"
	"turnpike/shared/tenant"
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
		var none []*Service
		live, err := d.Store.Page(ctx, liveServices(q.Tenant()), 1, 1, &none)
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
		svc.State, svc.UpdatedAt = ServiceDeleted, q.Now
		c, err := changeOf(svc, "state", "updated_at")
		if err != nil {
			return api.Result{}, err
		}
		c = c.with(map[string]string{"#st": "state"}, map[string]types.AttributeValue{":seen": str(seen)})
		tx := d.Store.Tx(q.Tenant())
		c.applyIf(tx, svc.Key, "#st = :seen", apierr.Msg(http.StatusConflict, "The service changed meanwhile; retry"))
		ck := claimKey(q.Tenant(), "service", svc.SystemName)
		tx.Delete(ck.PK, ck.SK)
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
	var plans []*Plan
	for _, typ := range []string{ApplicationPlan, ServicePlan} {
		var ps []*Plan
		if err := s.All(ctx, store.Query{Index: store.GSI1, PK: PlansOf(t, service, typ)}, &ps); err != nil {
			return err
		}
		plans = append(plans, ps...)
	}
	return unlist(ctx, s, t, plans)
}

// unlist removes plans from the tenant-wide lists, in transactions of at most maxTx items.
func unlist(ctx context.Context, s *store.Store, t int64, plans []*Plan) error {
	for len(plans) > 0 {
		n := min(len(plans), maxTx)
		tx := s.Tx(t)
		for _, p := range plans[:n] {
			tx.UpdateIf(p.PK, p.SK, "REMOVE GSI2PK, GSI2SK", "attribute_exists(PK)", nil, nil, nil)
		}
		if err := tx.Commit(ctx); err != nil && err != store.ErrConflict {
			return err
		}
		plans = plans[n:]
	}
	return nil
}
