package bench

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/store"
)

// Shape of the seeded tenant.
const (
	appsBenchApps     = 10000
	appsBenchServices = 4
	appsBenchPlans    = 2 // per service
	appsBenchAccounts = 100
	appsBenchPerPage  = 500
)

// BenchmarkListApplications walks /admin/api/applications page by page
// (500 per page) over 10 000 applications, unfiltered and with each filter,
// and prints the time per page. Every page is served by Queries on the
// filter's own listing (see shared/model/audience/application.go), never a Scan.
func BenchmarkListApplications(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	w := appsBenchSeed(b, env, tn)
	filters := []struct {
		name string
		form url.Values
	}{
		{"none", nil},
		{"service_id", url.Values{"service_id": {testenv.S(w.services[0])}}},
		{"plan_id", url.Values{"plan_id": {testenv.S(w.plans[0])}}},
		{"state=pending", url.Values{"state": {"pending"}}},
		{"account", url.Values{"account": {testenv.S(w.accounts[0])}}},
		{"service_id+state", url.Values{"service_id": {testenv.S(w.services[1])}, "state": {"suspended"}}},
	}
	appsBenchWalk(b, tn, nil) // warm the JVM and the connections up
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var report strings.Builder
		fmt.Fprintf(&report, "\n%-18s %8s %6s %10s %10s %10s\n", "filter", "matches", "pages", "ms/page", "first ms", "last ms")
		for _, f := range filters {
			r := appsBenchWalk(b, tn, f.form)
			fmt.Fprintf(&report, "%-18s %8d %6d %10.1f %10.1f %10.1f\n", f.name, r.total, len(r.pages),
				r.mean(), appsBenchMS(r.pages[0]), appsBenchMS(r.pages[len(r.pages)-1]))
		}
		b.Log(report.String())
	}
}

type appsBenchWorld struct{ services, plans, accounts []int64 }

// appsBenchSeed creates services, plans and accounts through the API, then
// writes 10 000 applications (each with its listing copy and claims) and the
// listing counters through the store with BatchWriteItem.
func appsBenchSeed(b *testing.B, env *testenv.Env, tn *testenv.Tenant) *appsBenchWorld {
	b.Helper()
	w := &appsBenchWorld{}
	planService := map[int64]int64{}
	for i := 0; i < appsBenchServices; i++ {
		svc := testenv.ID(b, tn.Create(b, "/admin/api/services.json", "service", url.Values{"name": {testenv.Unique("bench svc")}}))
		w.services = append(w.services, svc)
		for j := 0; j < appsBenchPlans; j++ {
			p := testenv.ID(b, tn.Create(b, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
				url.Values{"name": {testenv.Unique("bench plan")}}))
			w.plans = append(w.plans, p)
			planService[p] = svc
		}
	}
	for i := 0; i < appsBenchAccounts; i++ {
		dev := testenv.Unique("benchdev")
		w.accounts = append(w.accounts, testenv.ID(b, tn.Create(b, "/admin/api/signup.json", "account",
			url.Values{"org_name": {dev}, "username": {dev}, "password": {"a-long-enough-password"}})))
	}
	s := env.Server.Deps.Store
	ctx := context.Background()
	ids, err := s.NextIDs(ctx, appsBenchApps)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	var items []map[string]types.AttributeValue
	var apps []*audience.Application
	for i, id := range ids {
		plan := w.plans[i%len(w.plans)]
		state := audience.AppLive
		switch i % 10 {
		case 0, 1:
			state = audience.AppPending
		case 2:
			state = audience.AppSuspended
		}
		a := &audience.Application{ID: id, Account: w.accounts[i%len(w.accounts)], Service: planService[plan], Plan: plan,
			Name: fmt.Sprintf("bench app %d", i), State: state, UserKey: fmt.Sprintf("benchkey%024d", id),
			AppID: fmt.Sprintf("%08x", id), CreatedAt: now, UpdatedAt: now}
		apps = append(apps, a)
	}
	var all []any
	for _, a := range apps {
		all = append(all, audience.ApplicationItems(tn.ID, a)...)
	}
	for _, it := range append(all, audience.ApplicationCounts(tn.ID, apps)...) {
		av, err := attributevalue.MarshalMap(it)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, av)
	}
	appsBenchBatchWrite(b, s, items)
	return w
}

// appsBenchBatchWrite writes items 25 at a time from 8 goroutines.
func appsBenchBatchWrite(b *testing.B, s *store.Store, items []map[string]types.AttributeValue) {
	b.Helper()
	batches := make(chan []map[string]types.AttributeValue)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range batches {
				reqs := make([]types.WriteRequest, len(batch))
				for i, it := range batch {
					reqs[i] = types.WriteRequest{PutRequest: &types.PutRequest{Item: it}}
				}
				pending := map[string][]types.WriteRequest{s.Entities: reqs}
				for len(pending) > 0 {
					out, err := s.DB.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: pending})
					if err != nil {
						mu.Lock()
						failed = err
						mu.Unlock()
						break
					}
					pending = out.UnprocessedItems
				}
			}
		}()
	}
	for len(items) > 0 {
		n := min(25, len(items))
		batches <- items[:n]
		items = items[n:]
	}
	close(batches)
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
}

type appsBenchResult struct {
	total int
	pages []time.Duration
}

func (r appsBenchResult) mean() float64 {
	var sum time.Duration
	for _, p := range r.pages {
		sum += p
	}
	return appsBenchMS(sum) / float64(len(r.pages))
}

func appsBenchMS(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// appsBenchWalk reads every page of a filtered list and times each.
func appsBenchWalk(b *testing.B, tn *testenv.Tenant, filter url.Values) appsBenchResult {
	b.Helper()
	var r appsBenchResult
	seen := map[int64]bool{}
	for page := 1; ; page++ {
		form := url.Values{"page": {testenv.S(int64(page))}, "per_page": {testenv.S(appsBenchPerPage)}}
		for k, v := range filter {
			form[k] = v
		}
		start := time.Now()
		res := tn.Do(b, "GET", "/admin/api/applications.json", form)
		r.pages = append(r.pages, time.Since(start))
		if res.Status != 200 {
			b.Fatalf("page %d: %d %s", page, res.Status, res.Body)
		}
		m := res.JSON(b)
		list := m["applications"].([]any)
		var prev int64
		for _, it := range list {
			id := testenv.ID(b, it.(map[string]any)["application"].(map[string]any))
			if id <= prev || seen[id] {
				b.Fatalf("page %d: ids out of order or repeated at %d", page, id)
			}
			prev, seen[id] = id, true
		}
		total := len(list)
		if meta, ok := m["metadata"].(map[string]any); ok {
			total = int(meta["total_entries"].(float64))
		}
		r.total = total
		if page*appsBenchPerPage >= total {
			break
		}
	}
	if len(seen) != r.total {
		b.Fatalf("walked %d applications, the list says %d", len(seen), r.total)
	}
	return r
}
