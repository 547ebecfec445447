package audience

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// appViews renders applications, reading each service, plan and account they
// mention once per request.
type appViews struct {
	d      *deps.Deps
	tenant int64
	base   string
	svcs   map[int64]*catalog.Service
	plans  map[int64]*catalog.Plan
	accs   map[int64]*audience.Account
}

func newAppViews(d *deps.Deps, q *api.Request) *appViews {
	return &appViews{d: d, tenant: q.Tenant(), base: q.BaseURL(),
		svcs: map[int64]*catalog.Service{}, plans: map[int64]*catalog.Plan{}, accs: map[int64]*audience.Account{}}
}

// know primes the views with items the handler already read.
func (v *appViews) know(acc *audience.Account, svc *catalog.Service, plans ...*catalog.Plan) *appViews {
	if acc != nil {
		v.accs[acc.ID] = acc
	}
	if svc != nil {
		v.svcs[svc.ID] = svc
	}
	for _, p := range plans {
		v.plans[p.ID] = p
	}
	return v
}

// obj renders one application. A service, plan or account that is gone
// (being deleted) renders as blank rather than failing the whole answer.
func (v *appViews) obj(ctx context.Context, a *audience.Application) (*wire.Obj, error) {
	svc, err := cachedItem(ctx, v.d.Store, v.svcs, a.Service, catalog.ServiceKey(v.tenant, a.Service), &catalog.Service{ID: a.Service, BackendVersion: "1"})
	if err != nil {
		return nil, err
	}
	plan, err := cachedItem(ctx, v.d.Store, v.plans, a.Plan, catalog.PlanKey(v.tenant, a.Plan), &catalog.Plan{ID: a.Plan, Type: catalog.ApplicationPlan})
	if err != nil {
		return nil, err
	}
	acc, err := cachedItem(ctx, v.d.Store, v.accs, a.Account, audience.AccountKey(v.tenant, a.Account), &audience.Account{ID: a.Account})
	if err != nil {
		return nil, err
	}
	planXML := api.PlanObj(v.base, plan, svc.DefaultApplicationPlan == plan.ID)
	planXML.Name = "plan" // 3scale nests the plan as <plan custom=".." default="..">
	return ApplicationObj(v.base, a, AppView{
		ServiceName: svc.Name, BackendVersion: svc.BackendVersion, PlanName: plan.Name, OrgName: acc.OrgName,
		AccountEnabled: audience.AccountEnabled(acc.State), PlanXML: planXML, ReferrerFiltersRequired: svc.ReferrerFiltersRequired,
	}), nil
}

// list renders applications as a collection.
func (v *appViews) list(ctx context.Context, apps []*audience.Application, page *wire.Page) (*wire.List, error) {
	if err := v.prefetch(ctx, apps); err != nil {
		return nil, err
	}
	l := &wire.List{Name: "applications", Page: page}
	for _, a := range apps {
		o, err := v.obj(ctx, a)
		if err != nil {
			return nil, err
		}
		l.Items = append(l.Items, o)
	}
	return l, nil
}

// prefetch reads what the applications mention and the views lack, in batches.
func (v *appViews) prefetch(ctx context.Context, apps []*audience.Application) error {
	var keys []store.Key
	want := map[store.Key]bool{}
	ask := func(k store.Key, known bool) {
		if !known && !want[k] {
			want[k] = true
			keys = append(keys, k)
		}
	}
	for _, a := range apps {
		_, ok := v.svcs[a.Service]
		ask(catalog.ServiceKey(v.tenant, a.Service), ok)
		_, ok = v.plans[a.Plan]
		ask(catalog.PlanKey(v.tenant, a.Plan), ok)
		_, ok = v.accs[a.Account]
		ask(audience.AccountKey(v.tenant, a.Account), ok)
	}
	if len(keys) == 0 {
		return nil
	}
	var items []map[string]types.AttributeValue
	if err := v.d.Store.GetMany(ctx, keys, &items); err != nil {
		return err
	}
	for _, it := range items {
		var k store.Key
		if err := attributevalue.UnmarshalMap(it, &k); err != nil {
			return err
		}
		var err error
		switch {
		case strings.HasPrefix(k.SK, "SVC#"):
			err = prefetched(it, v.svcs, func(x *catalog.Service) int64 { return x.ID })
		case strings.HasPrefix(k.SK, "PLAN#"):
			err = prefetched(it, v.plans, func(x *catalog.Plan) int64 { return x.ID })
		default:
			err = prefetched(it, v.accs, func(x *audience.Account) int64 { return x.ID })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func prefetched[T any](item map[string]types.AttributeValue, into map[int64]*T, id func(*T) int64) error {
	x := new(T)
	if err := attributevalue.UnmarshalMap(item, x); err != nil {
		return err
	}
	into[id(x)] = x
	return nil
}

// cachedItem reads an item once per request; a missing item yields blank.
func cachedItem[T any](ctx context.Context, s *store.Store, seen map[int64]*T, id int64, k store.Key, blank *T) (*T, error) {
	if x, ok := seen[id]; ok {
		return x, nil
	}
	x := new(T)
	if err := s.Get(ctx, k.PK, k.SK, x); err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		x = blank
	}
	seen[id] = x
	return x, nil
}

// appOK renders one application with what the handler already read.
func appOK(ctx context.Context, d *deps.Deps, q *api.Request, acc *audience.Account, a *audience.Application, status int) (api.Result, error) {
	o, err := newAppViews(d, q).know(acc, nil).obj(ctx, a)
	if err != nil {
		return api.Result{}, err
	}
	return api.Result{Status: status, Obj: o}, nil
}
