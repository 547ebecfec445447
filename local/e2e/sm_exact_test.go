package e2e

import (
	"context"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/deps"
)

// concurrently sends n authreps at once and counts the statuses.
func concurrently(f *sm, n int, query func(i int) []string) map[int]int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for i := 0; i < n; i++ {
		wg.Go(func() {
			r := f.authrep(f.q(query(i)...))
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return codes
}

func one(kv ...string) func(int) []string { return func(int) []string { return kv } }

// shows asserts the authorize document shows a metric's period at value.
func (f *sm) shows(metric, period string, value int) {
	f.t.Helper()
	r := f.authorize(f.q())
	want := `<usage_report metric="` + metric + `" period="` + period + `">`
	status(f.t, r, 200, want)
	body := r.String()
	i := len(want) + indexOf(body, want)
	if got := body[i:]; !hasPrefixAfterPeriod(got, "<current_value>"+strconv.Itoa(value)+"</current_value>") {
		f.t.Fatalf("%s/%s: want %d in %s", metric, period, value, body)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// hasPrefixAfterPeriod tells whether the report's current value is want.
func hasPrefixAfterPeriod(s, want string) bool {
	end := indexOf(s, "</usage_report>")
	return end >= 0 && indexOf(s[:end], want) >= 0
}

// 64 concurrent authreps against a day limit of 1000 already reached: none pass.
func TestSMExactLimitReached(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 1000)
	status(t, f.authrep(f.q("usage[hits]", "#1000")), 200)
	codes := concurrently(f, 64, one("usage[hits]", "1"))
	if codes[409] != 64 {
		t.Fatalf("want 64×409, got %v", codes)
	}
	f.shows("hits", "day", 1000)
	// 990 used: exactly 10 more pass.
	status(t, f.authrep(f.q("usage[hits]", "#990")), 200)
	codes = concurrently(f, 64, one("usage[hits]", "1"))
	if codes[200] != 10 || codes[409] != 54 {
		t.Fatalf("want 10×200, 54×409, got %v", codes)
	}
	f.shows("hits", "day", 1000)
}

// Minute and day limits together: the tighter one binds, both counters stay exact.
func TestSMExactMinuteAndDay(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "minute", 30)
	f.limit("hits", "day", 45)
	// Stay clear of a minute boundary, so that the minute counter cannot roll mid-test.
	for s := time.Now().UTC().Second(); s > 50; s = time.Now().UTC().Second() {
		time.Sleep(time.Second)
	}
	codes := concurrently(f, 64, one("usage[hits]", "1"))
	if codes[200] != 30 || codes[409] != 34 {
		t.Fatalf("want 30×200, 34×409, got %v", codes)
	}
	f.shows("hits", "minute", 30)
	f.shows("hits", "day", 30)
	codes = concurrently(f, 64, one("usage[hits]", "2"))
	if codes[200] != 0 {
		t.Fatalf("the minute limit is reached: got %v", codes)
	}
}

// Through the method hierarchy: the parent's limit binds calls on its methods.
func TestSMExactHierarchy(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.metric("search", "hits")
	f.metric("lookup", "hits")
	f.limit("hits", "day", 50)
	f.limit("search", "day", 20)
	f.limit("lookup", "day", 100) // binds nothing; shows the lookups counted
	codes := concurrently(f, 64, func(i int) []string {
		if i%2 == 0 {
			return []string{"usage[search]", "1"}
		}
		return []string{"usage[lookup]", "1"}
	})
	// 32 search calls of which at most 20 fit, 32 lookup calls: hits binds at 50.
	if codes[200] != 50 || codes[409] != 14 {
		t.Fatalf("want 50×200, 14×409, got %v", codes)
	}
	f.shows("hits", "day", 50)
	// Which calls took the last hits depends on their order.
	search, lookup := f.current("search", "day"), f.current("lookup", "day")
	if search > 20 || search+lookup != 50 {
		t.Fatalf("%d searches and %d lookups counted", search, lookup)
	}
}

// current reads a metric's current value for a period from the authorize document.
func (f *sm) current(metric, period string) int {
	f.t.Helper()
	r := f.authorize(f.q())
	want := `<usage_report metric="` + metric + `" period="` + period + `">`
	status(f.t, r, 200, want)
	body := r.String()
	body = body[indexOf(body, want):]
	body = body[indexOf(body, "<current_value>")+len("<current_value>"):]
	n, err := strconv.Atoi(body[:indexOf(body, "<")])
	if err != nil {
		f.t.Fatalf("%s/%s: %v in %s", metric, period, err, r.Body)
	}
	return n
}

// With # sets: a set passes iff its value fits, whatever runs alongside.
func TestSMExactSets(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	codes := concurrently(f, 64, func(i int) []string { return []string{"usage[hits]", "#" + strconv.Itoa(i*4)} })
	// #0 … #100 fit: i = 0 … 25.
	if codes[200] != 26 || codes[409] != 38 {
		t.Fatalf("want 26×200, 38×409, got %v", codes)
	}
	r := f.authorize(f.q())
	status(t, r, 200)
	found := false
	for i := 0; i <= 25; i++ {
		if indexOf(r.String(), "<current_value>"+strconv.Itoa(i*4)+"</current_value>") >= 0 {
			found = true
		}
	}
	if !found {
		t.Fatalf("the counter must hold one of the sets that passed: %s", r.Body)
	}
}

// Steady state, an authrep costs one GetItem and one UpdateItem; an authorize two GetItems.
// A configuration change is seen on the very next call.
func TestSMHotPathCost(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 1000)
	f.limit("hits", "month", 1000)
	var mu sync.Mutex
	calls := map[string]int{}
	base := f.env.Server.Deps.Store
	db := dynamodb.New(base.DB.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc("count", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				mu.Lock()
				calls[awsmiddleware.GetOperationName(ctx)]++
				mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
		})
	})
	s := *base
	s.DB = db
	hs := httptest.NewServer(dispatch.New(deps.New(&s, testenv.MasterToken)))
	defer hs.Close()
	own := &sm{t: t, env: &testenv.Env{URL: hs.URL, Server: f.env.Server}, tn: f.tn, svc: f.svc, plan: f.plan, app: f.app, metrics: f.metrics}
	status(t, own.authrep(own.q("usage[hits]", "1")), 200) // loads the configuration
	status(t, own.authrep(own.q("usage[hits]", "1")), 200) // learns the counter's stamps
	reset := func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		c := calls
		calls = map[string]int{}
		return c
	}
	reset()
	for i := 0; i < 10; i++ {
		status(t, own.authrep(own.q("usage[hits]", "1")), 200)
	}
	if c := reset(); c["GetItem"] != 10 || c["UpdateItem"] != 10 || len(c) != 2 {
		t.Fatalf("10 authreps cost %v", c)
	}
	for i := 0; i < 10; i++ {
		status(t, own.authorize(own.q()), 200)
	}
	if c := reset(); c["GetItem"] != 20 || len(c) != 1 {
		t.Fatalf("10 authorizations cost %v", c)
	}
	f.suspend(f.app)
	status(t, own.authrep(own.q("usage[hits]", "1")), 409, "application is not active")
	f.resume(f.app)
	status(t, own.authrep(own.q("usage[hits]", "1")), 200, "<current_value>13</current_value>")
}
