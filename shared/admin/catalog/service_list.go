package catalog

import (
	"context"
	"net/http"
	"sync"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListServices is GET /admin/api/services (paginated).
func ListServices(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		t, err := tenant.Load(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		keyOf := func(id int64) store.Key { return catalog.ServiceKey(q.Tenant(), id) }
		idOf := func(s *catalog.Service) int64 { return s.ID }
		return listDir(ctx, d.Store, q, catalog.ServicesDir(), keyOf, idOf, "services", func(svcs []*catalog.Service) ([]*wire.Obj, error) {
			var metrics map[int64][]*catalog.Metric
			if q.Format == api.XML {
				if metrics, err = metricsOfServices(ctx, d.Store, q.Tenant(), svcs); err != nil {
					return nil, err
				}
			}
			out := make([]*wire.Obj, len(svcs))
			for i, s := range svcs {
				v := ServiceView{SupportEmail: t.SupportEmail}
				if metrics != nil {
					v.Metrics = append([]*catalog.Metric{}, metrics[s.ID]...)
				}
				out[i] = ServiceObj(q.BaseURL(), s, v)
			}
			return out, nil
		})
	})
}

// metricsOfServices loads the metrics of several services, a few Queries at a time.
func metricsOfServices(ctx context.Context, s *store.Store, t int64, svcs []*catalog.Service) (map[int64][]*catalog.Metric, error) {
	out := make(map[int64][]*catalog.Metric, len(svcs))
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, svc := range svcs {
		wg.Add(1)
		sem <- struct{}{}
		go func(id int64) {
			defer wg.Done()
			defer func() { <-sem }()
			ms, err := catalog.Metrics(ctx, s, t, id)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			out[id] = ms
		}(svc.ID)
	}
	wg.Wait()
	return out, firstErr
}
