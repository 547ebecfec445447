package audience

import (
	"context"
	"errors"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// appSearch is a filter over a tenant's applications, read from 3scale's
// search parameters (flat, or under search[...]).
type appSearch struct {
	service, plan, account int64
	state, name, userKey   string
	nothing                bool // a filter nothing can match (an id that is not a number)
}

// readAppSearch reads service_id, plan_id, account, state, name and user_key.
// active_since and inactive_since compare the day of first traffic, which
// Turnpike does not record (always null), so they match nothing; plan_type
// and account_query (3scale's full-text search) are refused as unsupported.
func readAppSearch(q *api.Request) (*appSearch, error) {
	s := &appSearch{}
	for _, f := range []struct {
		name string
		dst  *int64
	}{{"service_id", &s.service}, {"plan_id", &s.plan}, {"account", &s.account}, {"account_id", &s.account}} {
		v, ok, err := q.Str(f.name)
		if err != nil {
			return nil, err
		}
		if !ok || v == "" {
			continue
		}
		id, valid := store.ParseID(v)
		if !valid {
			s.nothing = true
		}
		*f.dst = id
	}
	var err error
	if s.state, _, err = q.Str("state"); err != nil {
		return nil, err
	}
	if s.userKey, _, err = q.Str("user_key"); err != nil {
		return nil, err
	}
	if s.name, _, err = q.Str("name"); err != nil {
		return nil, err
	}
	// As in 3scale's search box, "user_key: <key>" in the name searches by key.
	if k, ok := strings.CutPrefix(s.name, "user_key:"); ok && s.userKey == "" {
		s.userKey, s.name = strings.TrimSpace(k), ""
	}
	for _, unsupported := range []string{"plan_type", "account_query"} {
		if v, ok, err := q.Str(unsupported); err != nil {
			return nil, err
		} else if ok && v != "" {
			return nil, apierr.Invalid(unsupported, "is not supported")
		}
	}
	for _, traffic := range []string{"active_since", "inactive_since"} {
		if v, ok, err := q.Str(traffic); err != nil {
			return nil, err
		} else if ok && v != "" {
			s.nothing = true
		}
	}
	return s, nil
}

// appSource is a listing of applications in id order: the Query selecting
// it, and the counter keeping its size ("" for the per-account listing).
type appSource struct {
	q       store.Query
	counter string
}

// sources are the listings the filter can be read from, the account's first
// (it is the smallest); with no filter, every application of the tenant.
func (s *appSearch) sources(tenant int64) []appSource {
	var out []appSource
	if s.account != 0 {
		out = append(out, appSource{store.Query{Index: store.GSI1, PK: audience.AppsOfAccount(tenant, s.account)}, ""})
	}
	if s.plan != 0 {
		out = append(out, appSource{store.Query{Index: store.GSI1, PK: audience.AppsOfPlan(tenant, s.plan)}, audience.CountOfPlan(s.plan)})
	}
	if s.service != 0 {
		out = append(out, appSource{store.Query{Index: store.GSI2, PK: audience.AppsOfService(tenant, s.service)}, audience.CountOfService(s.service)})
	}
	if s.state != "" {
		out = append(out, appSource{store.Query{Index: store.GSI2, PK: audience.AppsInState(tenant, s.state)}, audience.CountInState(s.state)})
	}
	if len(out) == 0 {
		out = append(out, appSource{store.Query{PK: store.TenantPK(tenant), Prefix: audience.AppSortKeyPrefix}, audience.CountAll()})
	}
	return out
}

// filtered adds the whole filter as the query's filter expression (the
// listing's own key among it costs nothing).
func (s *appSearch) filtered(q store.Query) store.Query {
	var f store.Cond
	for _, by := range []struct {
		attr string
		id   int64
	}{{"account", s.account}, {"plan", s.plan}, {"service", s.service}} {
		if by.id != 0 {
			f = f.And(store.Is(by.attr, by.id))
		}
	}
	if s.state != "" {
		f = f.And(store.Is("state", s.state))
	}
	if s.name != "" {
		f = f.And(store.Contains("name", s.name))
	}
	q.Filter = f
	return q
}

// all reads every matching application (for bounded listings: an account's).
func (s *appSearch) all(ctx context.Context, d *deps.Deps, tenant int64, out *[]*audience.Application) error {
	return d.Store.All(ctx, s.filtered(s.sources(tenant)[0].q), out)
}

// page reads one page of the matching applications and their total. A filter
// on one counted listing alone gets its total from the counter and reads only
// the keys before the page and the page; otherwise the smallest listing the
// filter names is read, with the rest of the filter applied to it.
func (s *appSearch) page(ctx context.Context, d *deps.Deps, tenant int64, page, perPage int, out *[]*audience.Application) (int, error) {
	srcs := s.sources(tenant)
	best, size := srcs[0], -1
	if best.counter != "" {
		for _, src := range srcs {
			n, err := audience.ReadAppCount(ctx, d.Store, tenant, src.counter)
			if err != nil {
				return 0, err
			}
			if size < 0 || n < size {
				best, size = src, n
			}
		}
	}
	if len(srcs) == 1 && s.name == "" && best.counter != "" {
		return size, d.Store.PageOf(ctx, best.q, page, perPage, size, out)
	}
	return d.Store.Page(ctx, s.filtered(best.q), page, perPage, out)
}

// matches applies the filter to one application in memory.
func (s *appSearch) matches(a *audience.Application) bool {
	return !s.nothing &&
		(s.account == 0 || a.Account == s.account) &&
		(s.plan == 0 || a.Plan == s.plan) &&
		(s.service == 0 || a.Service == s.service) &&
		(s.state == "" || a.State == s.state) &&
		(s.name == "" || strings.Contains(a.Name, s.name))
}

// byUserKey finds the application holding a user_key, if the filter matches it.
func (s *appSearch) byUserKey(ctx context.Context, d *deps.Deps, tenant int64) ([]*audience.Application, error) {
	id, err := audience.FindClaim(ctx, d.Store, tenant, audience.ClaimUserKey, s.userKey)
	if err != nil || id == 0 {
		return nil, err
	}
	a, err := audience.LoadApplication(ctx, d.Store, tenant, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	if !s.matches(a) {
		return nil, nil
	}
	return []*audience.Application{a}, nil
}
