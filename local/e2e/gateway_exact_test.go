package e2e

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// Exact through the gateway: 64 concurrent requests against a limit of 50
// give exactly 50 answers from upstream and 14 × 429, counted at the upstream.
func TestGatewayExactUnderConcurrency(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	var reached atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.Write([]byte("ok"))
	}))
	defer up.Close()
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"eternity": 50})
	px := obj(t, tn.Do(t, "PATCH", sp(app.Service, "/proxy.json"), url.Values{"api_backend": {up.URL}}), "proxy")
	host := hostOf(t, px["sandbox_endpoint"])

	const n = 64
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			codes[i] = gatewayCall(t, env, "GET", host, "/anything?user_key="+app.UserKey, "").Status
		}(i)
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[200] != 50 || count[429] != 14 || reached.Load() != 50 {
		t.Fatalf("answers %v, upstream reached %d times; want 50 × 200, 14 × 429, 50 upstream", count, reached.Load())
	}
}

// An upstream that is down, too slow or answers garbage gets a clean 502/504.
func TestGatewayUpstreamFailures(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	app := tn.NewApp(t, nil)

	down, _ := net.Listen("tcp", "127.0.0.1:0")
	downURL := "http://" + down.Addr().String()
	down.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer slow.Close()
	garbage, _ := net.Listen("tcp", "127.0.0.1:0")
	defer garbage.Close()
	go func() {
		for {
			c, err := garbage.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			c.Read(buf)
			c.Write([]byte("this is not HTTP\r\n\r\n"))
			c.Close()
		}
	}()
	for _, c := range []struct {
		name, backend string
		status        int
	}{{"down", downURL, 502}, {"slow", slow.URL, 504}, {"garbage", "http://" + garbage.Addr().String(), 502}} {
		px := obj(t, tn.Do(t, "PATCH", sp(app.Service, "/proxy.json"), url.Values{"api_backend": {c.backend}}), "proxy")
		began := time.Now()
		r := gatewayCall(t, env, "GET", hostOf(t, px["sandbox_endpoint"]), "/x?user_key="+app.UserKey, "")
		if r.Status != c.status {
			t.Fatalf("%s upstream: want %d, got %d %s", c.name, c.status, r.Status, r.Body)
		}
		if time.Since(began) > 8*time.Second {
			t.Fatalf("%s upstream: answered after %v", c.name, time.Since(began))
		}
	}
}
