package e2e

import (
	"net/url"
	"strings"
	"sync"
	"testing"

	"turnpike/shared/localdev/testenv"
)

// The thin path: tenant → service → plan → limit → developer → application →
// authrep allowed until the limit, then 409.
func TestThinPath(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 3})
	authrep := func() *testenv.Response {
		return env.Do(t, "GET", "/transactions/authrep.xml", url.Values{
			"provider_key": {tn.ProviderKey}, "service_id": {testenv.S(app.Service)},
			"user_key": {app.UserKey}, "usage[hits]": {"1"}})
	}
	for i := 1; i <= 3; i++ {
		r := authrep()
		if r.Status != 200 || !strings.Contains(r.String(), "<authorized>true</authorized>") {
			t.Fatalf("call %d: %d %s", i, r.Status, r.Body)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.3scale-v2.0+xml" {
			t.Fatalf("Content-Type = %q", ct)
		}
		if want := "<max_value>3</max_value><current_value>" + testenv.S(int64(i)) + "</current_value>"; !strings.Contains(r.String(), want) {
			t.Fatalf("call %d: want %s in %s", i, want, r.Body)
		}
	}
	r := authrep()
	if r.Status != 409 || !strings.Contains(r.String(), "<reason>usage limits are exceeded</reason>") {
		t.Fatalf("4th call: %d %s", r.Status, r.Body)
	}
	if !strings.Contains(r.String(), `period="day" exceeded`) && !strings.Contains(r.String(), "<current_value>3</current_value>") {
		t.Fatalf("denied call must show the stored value 3: %s", r.Body)
	}
	// A denied call counts nothing: with a service token the count is still 3.
	token := serviceToken(t, tn, app.Service)
	r = env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"service_token": {token}, "service_id": {testenv.S(app.Service)},
		"user_key": {app.UserKey}})
	if r.Status != 200 || !strings.Contains(r.String(), "<current_value>3</current_value>") {
		t.Fatalf("authrep without usage: %d %s", r.Status, r.Body)
	}
}

// 64 concurrent authreps against a limit of 50: exactly 50 pass.
func TestConcurrentAuthrepIsExact(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"month": 50})
	q := url.Values{"provider_key": {tn.ProviderKey}, "service_id": {testenv.S(app.Service)},
		"user_key": {app.UserKey}, "usage[hits]": {"1"}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := env.Do(t, "GET", "/transactions/authrep.xml", q)
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[200] != 50 || codes[409] != 14 {
		t.Fatalf("want 50×200 and 14×409, got %v", codes)
	}
	r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}})
	if !strings.Contains(r.String(), "<max_value>50</max_value><current_value>50</current_value>") {
		t.Fatalf("counter must stand at exactly 50: %s", r.Body)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	r := testenv.Get(t).Do(t, "GET", "/check.txt", nil)
	if r.Status != 200 || r.String() != "ok" {
		t.Fatalf("check.txt: %d %q", r.Status, r.Body)
	}
}
