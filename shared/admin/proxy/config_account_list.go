package proxy

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ListAccountProxyConfigs is GET /admin/api/account/proxy_configs/{environment}.json
// ?host=&version=&page=&per_page=: every product's configs, by id, paginated;
// version=latest keeps each product's newest, host those serving that host.
func ListAccountProxyConfigs(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true, DefaultJSON: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		env, ok := proxy.Env(q.Var("environment"))
		if !ok {
			return api.Result{}, errInvalidEnv(http.StatusUnprocessableEntity)
		}
		host, _, err := q.Str("host")
		if err != nil {
			return api.Result{}, err
		}
		version, _, err := q.Str("version")
		if err != nil {
			return api.Result{}, err
		}
		// The shared page parser: any page number, no overflow of page × per_page.
		page, per := q.PageParams()
		all, err := proxy.AllConfigs(ctx, d.Store, q.Tenant(), env)
		if err != nil {
			return api.Result{}, err
		}
		cs, err := filterConfigs(all, host, version)
		if err != nil {
			return api.Result{}, err
		}
		total := len(cs)
		from := min((page-1)*per, total)
		to := min(from+per, total)
		return api.Listed(configList(cs[from:to], &wire.Page{Number: page, PerPage: per, Total: total})), nil
	})
}

func filterConfigs(all []*proxy.Config, host, version string) ([]*proxy.Config, error) {
	newest := map[int64]int64{}
	for _, c := range all {
		if c.Version > newest[c.Service] {
			newest[c.Service] = c.Version
		}
	}
	var want int64
	if version != "" && version != "latest" {
		n, err := strconv.ParseInt(version, 10, 64)
		if err != nil {
			return nil, apierr.BadRequest("invalid version")
		}
		want = n
	}
	out := []*proxy.Config{}
	for _, c := range all {
		switch {
		case version == "latest" && c.Version != newest[c.Service]:
			continue
		case want != 0 && c.Version != want:
			continue
		case host != "" && !servesHost(c, host):
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

func servesHost(c *proxy.Config, host string) bool {
	var doc struct {
		Proxy struct {
			Hosts []string `json:"hosts"`
		} `json:"proxy"`
	}
	if json.Unmarshal([]byte(c.Content), &doc) != nil {
		return false
	}
	for _, h := range doc.Proxy.Hosts {
		if h == host {
			return true
		}
	}
	return false
}
