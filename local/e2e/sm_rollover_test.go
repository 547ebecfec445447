package e2e

import (
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/deps"
)

// clocked serves the API as a process whose clock the test sets.
func clocked(t *testing.T, f *sm, now *atomic.Int64) *sm {
	t.Helper()
	d := deps.New(f.env.Server.Deps.Store, testenv.MasterToken)
	d.Now = func() time.Time { return time.Unix(0, now.Load()).UTC() }
	hs := httptest.NewServer(dispatch.New(d))
	t.Cleanup(hs.Close)
	return &sm{t: t, env: &testenv.Env{URL: hs.URL, Server: f.env.Server}, tn: f.tn, svc: f.svc, plan: f.plan, app: f.app, metrics: f.metrics}
}

// Periods roll over exactly: a new minute starts from zero, the day keeps
// counting, and two processes whose clocks disagree never overshoot.
func TestSMPeriodRollover(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "minute", 3)
	f.limit("hits", "day", 8)
	var clockA, clockB atomic.Int64
	t0 := time.Now().UTC().Add(48 * time.Hour).Truncate(24 * time.Hour).Add(10*time.Hour + 30*time.Second)
	clockA.Store(t0.UnixNano())
	clockB.Store(t0.UnixNano())
	a, b := clocked(t, f, &clockA), clocked(t, f, &clockB)
	for i := 0; i < 3; i++ {
		status(t, a.authrep(a.q("usage[hits]", "1")), 200)
	}
	status(t, b.authrep(b.q("usage[hits]", "1")), 409, `period="minute">`+period("minute", t0)+`<max_value>3</max_value><current_value>3</current_value>`)
	// The next minute: A moves on, B's clock lags a little behind but adopts the new minute.
	clockA.Store(t0.Add(40 * time.Second).UnixNano())
	clockB.Store(t0.Add(29 * time.Second).UnixNano())
	status(t, a.authrep(a.q("usage[hits]", "1")), 200, `period="minute">`+period("minute", t0.Add(40*time.Second))+`<max_value>3</max_value><current_value>1</current_value>`)
	var wg sync.WaitGroup
	var ok atomic.Int32
	for i := 0; i < 32; i++ {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			if r := s.authrep(s.q("usage[hits]", "1")); r.Status == 200 {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 2 {
		t.Fatalf("the new minute had room for 2 more, %d passed", ok.Load())
	}
	status(t, a.authorize(a.q()), 200, `<max_value>3</max_value><current_value>3</current_value>`, `<max_value>8</max_value><current_value>6</current_value>`)
	// Two more minutes on, only the day is left to bind: 2 of 8.
	clockA.Store(t0.Add(150 * time.Second).UnixNano())
	ok.Store(0)
	for i := 0; i < 32; i++ {
		wg.Go(func() {
			if r := a.authrep(a.q("usage[hits]", "1")); r.Status == 200 {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 2 {
		t.Fatalf("the day had room for 2 more, %d passed", ok.Load())
	}
	// The next day starts afresh.
	clockA.Store(t0.Add(24 * time.Hour).UnixNano())
	status(t, a.authrep(a.q("usage[hits]", "2")), 200, `period="day">`+period("day", t0.Add(24*time.Hour))+`<max_value>8</max_value><current_value>2</current_value>`)
}
