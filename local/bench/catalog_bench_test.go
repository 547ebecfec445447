package bench

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// BenchmarkCatalogPages lists metrics and application plans of a service
// page by page, 100 per page, with 100 and with 10 000 items, and prints the
// time per page request: with the directories a page costs the same whatever
// the page number and the size of the collection. The items are seeded
// straight into the table; the pages are real HTTP requests.
func BenchmarkCatalogPages(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	// Warm DynamoDB Local's JVM up first, so both sizes meet the same server.
	warm := newService(b, tn)
	tn.SeedCatalog(b, warm, 2000)
	for i := 0; i < 3; i++ {
		walk(b, tn, "/admin/api/services/"+strconv.FormatInt(warm, 10)+"/metrics.json", "metrics")
	}
	for _, n := range []int{100, 10000} {
		svc := newService(b, tn)
		tn.SeedCatalog(b, svc, n)
		for _, c := range []struct{ kind, path, name string }{
			{"metrics", "/admin/api/services/" + strconv.FormatInt(svc, 10) + "/metrics.json", "metrics"},
			{"plans", "/admin/api/services/" + strconv.FormatInt(svc, 10) + "/application_plans.json", "plans"},
		} {
			b.Run(fmt.Sprintf("%s-%d", c.kind, n), func(b *testing.B) {
				var times []time.Duration
				for i := 0; i < b.N; i++ {
					times = append(times, walk(b, tn, c.path, c.name)...)
				}
				sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
				var sum time.Duration
				for _, d := range times {
					sum += d
				}
				ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
				mean, median, p90 := sum/time.Duration(len(times)), times[len(times)/2], times[len(times)*9/10]
				b.ReportMetric(ms(mean), "ms/page")
				b.ReportMetric(ms(median), "median-ms/page")
				fmt.Printf("%-8s %6d items, %d per page: %4d pages, per page mean %6.1f ms, median %6.1f ms, p90 %6.1f ms, max %6.1f ms\n",
					c.kind, n, perPage, len(times)/b.N, ms(mean), ms(median), ms(p90), ms(times[len(times)-1]))
			})
		}
	}
}

const perPage = 100

// walk requests every page of a list and returns the time of each request.
func walk(b *testing.B, tn *testenv.Tenant, path, name string) []time.Duration {
	var times []time.Duration
	for page := 1; ; page++ {
		start := time.Now()
		r := tn.Do(b, "GET", path, url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}})
		d := time.Since(start)
		if r.Status != 200 {
			b.Fatalf("%s page %d: %d %s", path, page, r.Status, r.Body)
		}
		got := len(r.JSON(b)[name].([]any))
		if got == 0 {
			return times
		}
		times = append(times, d)
		if got < perPage {
			return times
		}
	}
}

func newService(b *testing.B, tn *testenv.Tenant) int64 {
	r := tn.Do(b, "POST", "/admin/api/services.json", url.Values{"name": {testenv.Unique("bench")}})
	if r.Status != 201 {
		b.Fatalf("service: %d %s", r.Status, r.Body)
	}
	return int64(r.JSON(b)["service"].(map[string]any)["id"].(float64))
}
