package catalog

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
)

// CreateServiceToken is POST /admin/api/services/{service_id}/service_tokens.
func CreateServiceToken(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		svc, err := pathService(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		st := &catalog.ServiceToken{Key: catalog.ServiceTokenListKey(q.Tenant(), svc.ID, id), ID: id, Service: svc.ID,
			Value: credential.NewAccessToken(), CreatedAt: q.Now}
		tx := d.Store.Tx(q.Tenant())
		st.Add(tx, q.Tenant())
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(ServiceTokenObj(st)), nil
	})
}
