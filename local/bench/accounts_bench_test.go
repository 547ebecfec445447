// Package bench holds benchmarks against the local stack (make bench).
package bench

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
)

const benchAccounts = 10000

// Listing 10 000 developer accounts page by page (500 per page), all of them
// and filtered by state: the time of every page is printed. Walking in order,
// each page is one Query; the last page asked for first (out of order) has
// to walk the keys before it once.
func BenchmarkAccountPages(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	seedAccounts(b, env, tn.ID, benchAccounts)
	list := func(q url.Values) (time.Duration, int) {
		q.Set("per_page", "500")
		start := time.Now()
		r := tn.Do(b, "GET", "/admin/api/accounts.json", q)
		took := time.Since(start)
		if r.Status != 200 {
			b.Fatalf("%v: %d %s", q, r.Status, r.Body)
		}
		var n int
		for i := 0; i+len(`{"account":`) <= len(r.Body); i++ {
			if string(r.Body[i:i+len(`{"account":`)]) == `{"account":` {
				n++
			}
		}
		return took, n
	}
	list(url.Values{}) // warm up
	took, _ := list(url.Values{"page": {fmt.Sprint(benchAccounts / 500)}})
	fmt.Printf("accounts page %d asked for first: %v\n", benchAccounts/500, took.Round(time.Microsecond))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, state := range []string{"", "pending"} {
			var total time.Duration
			pages, seen := 0, 0
			for page := 1; ; page++ {
				took, n := list(url.Values{"state": {state}, "page": {fmt.Sprint(page)}})
				if n == 0 {
					break
				}
				pages, seen, total = pages+1, seen+n, total+took
				fmt.Printf("accounts state=%-8s page %2d: %3d accounts in %v\n", state, page, n, took.Round(time.Microsecond))
			}
			want := benchAccounts
			if state == "pending" {
				want = benchAccounts / 4
			}
			if seen != want {
				b.Fatalf("state=%q: listed %d accounts, want %d", state, seen, want)
			}
			fmt.Printf("accounts state=%-8s %d pages, %v per page on average\n", state, pages, (total / time.Duration(pages)).Round(time.Microsecond))
			b.ReportMetric(float64(total.Microseconds())/float64(pages)/1000, "ms/page-"+map[string]string{"": "all", "pending": "pending"}[state])
		}
	}
}

// seedAccounts writes n accounts with BatchWriteItem, a quarter of them
// pending: setup only, bypassing the API's transactions.
func seedAccounts(b *testing.B, env *testenv.Env, tenant int64, n int) {
	b.Helper()
	ctx := context.Background()
	s := env.Server.Deps.Store
	ids, err := s.NextIDs(ctx, n)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := w * 25; start < n; start += 8 * 25 {
				var reqs []types.WriteRequest
				for _, id := range ids[start:min(start+25, n)] {
					state := audience.AccountApproved
					if (id-ids[0])%4 == 0 {
						state = audience.AccountPending
					}
					acc := &audience.Account{Key: audience.AccountKey(tenant, id), ID: id, OrgName: fmt.Sprintf("Seeded %d", id),
						State: state, Admins: 1, CreatedAt: now, UpdatedAt: now, StateChangedAt: now}
					acc.GSI1PK, acc.GSI1SK = audience.AccountsInState(tenant, state), fmt.Sprintf("%016d", id)
					item, err := attributevalue.MarshalMap(acc)
					if err != nil {
						errs <- err
						return
					}
					reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
				}
				for len(reqs) > 0 {
					out, err := s.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.Entities: reqs}})
					if err != nil {
						errs <- err
						return
					}
					reqs = out.UnprocessedItems[s.Entities]
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	// The counts the API keeps in step with the accounts.
	counts := map[string]int64{audience.AccountApproved: int64(n - n/4), audience.AccountPending: int64(n / 4)}
	if err := audience.AddAccountCounts(s.Tx(tenant), tenant, counts).Commit(ctx); err != nil {
		b.Fatal(err)
	}
}
