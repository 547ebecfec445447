package proxy

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
)

// UpdateProxy is PATCH (and PUT) /admin/api/services/{service_id}/proxy:
// validate and save every given field, then deploy to staging.
func UpdateProxy(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "proxy"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		// The product first: another tenant's path is a 404 whatever it sends.
		pr, err := loadProduct(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in, err := proxyInput(q)
		if err != nil {
			return api.Result{}, err
		}
		err = edit(ctx, d, pr, func(px *proxy.Proxy) error {
			if err := proxy.Update(px, in, pr.p, Policy()); err != nil {
				return err
			}
			px.LockVersion++
			px.UpdatedAt = q.Now
			return nil
		})
		if err != nil {
			return api.Result{}, err
		}
		if err := deployStaging(ctx, d, pr); err != nil {
			return api.Result{}, err
		}
		return api.OK(ProxyObj(pr)), nil
	})
}

// proxyInput reads the proxy fields sent flat or under proxy[...].
func proxyInput(q *api.Request) (map[string]string, error) {
	in := map[string]string{}
	for _, f := range proxy.Fields {
		v, ok := q.Value(f)
		if !ok {
			continue
		}
		if v.Kind != params.String {
			return nil, apierr.Invalid(f, "invalid")
		}
		in[f] = v.Str
	}
	if len(in) == 0 {
		return nil, apierr.BadRequest("Required parameter missing: proxy")
	}
	return in, nil
}
