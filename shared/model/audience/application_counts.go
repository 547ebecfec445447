package audience

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// Every listing of applications but the per-account one (see application.go)
// keeps its size in a counter item APPCNT#<listing>, moved in the same
// transaction as the applications, so that a page of a listing knows the
// total it reports without counting the listing again. Accounts have few
// applications: their listings are counted when read.

// appCountKey is the key of a listing's counter item.
func appCountKey(tenant int64, listing string) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: "APPCNT#" + listing}
}

// Listing names.
func CountAll() string                 { return "all" }
func CountOfService(id int64) string   { return "svc#" + store.ID(id) }
func CountOfPlan(id int64) string      { return "plan#" + store.ID(id) }
func CountInState(state string) string { return "state#" + state }

// countedListings are the counted listings an application appears in.
func countedListings(a *Application) []string {
	return []string{CountAll(), CountOfService(a.Service), CountOfPlan(a.Plan), CountInState(a.State)}
}

// count moves the counters of every listing the application appears in.
func (t *AppTx) count(a *Application, n int64) {
	for _, l := range countedListings(a) {
		t.counts[l] += n
	}
}

// AppCount is a listing's counter item.
type AppCount struct {
	store.Key
	N int64 `dynamodbav:"n"`
}

// ApplicationCounts are the counter items of a set of applications written
// without the API (seeding); the API keeps them itself.
func ApplicationCounts(tenant int64, apps []*Application) []any {
	n := map[string]int64{}
	for _, a := range apps {
		for _, l := range countedListings(a) {
			n[l]++
		}
	}
	var out []any
	for l, v := range n {
		out = append(out, &AppCount{Key: appCountKey(tenant, l), N: v})
	}
	return out
}

// ReadAppCount reads a listing's size.
func ReadAppCount(ctx context.Context, s *store.Store, tenant int64, listing string) (int, error) {
	var c AppCount
	k := appCountKey(tenant, listing)
	if err := s.Get(ctx, k.PK, k.SK, &c); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	return int(c.N), nil
}
