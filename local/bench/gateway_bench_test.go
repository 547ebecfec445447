package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// BenchmarkGateway compares a call through the gateway to the Echo API with
// what it replaces: an authrep over HTTP plus a direct call to the Echo API,
// alternating in rounds in the same run.
func BenchmarkGateway(b *testing.B) {
	env := testenv.Get(b)
	tn := env.NewTenant(b)
	app := tn.NewApp(b, map[string]int64{"day": 1 << 50})
	r := tn.Do(b, "PATCH", "/admin/api/services/"+testenv.S(app.Service)+"/proxy.json", url.Values{"api_backend": {env.EchoURL}})
	if r.Status != 200 {
		b.Fatalf("point the product at the Echo API: %d %s", r.Status, r.Body)
	}
	px, _ := r.JSON(b)["proxy"].(map[string]any)
	staging, _ := px["sandbox_endpoint"].(string)
	host := strings.TrimPrefix(strings.Split(strings.TrimPrefix(staging, "https://"), ":")[0], "http://")
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 20 * time.Second}}
	get := func(ctx context.Context, u, host string) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if host != "" {
			req.Host = host
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
	authrepURL := env.URL + "/transactions/authrep.xml?" + url.Values{"provider_key": {tn.ProviderKey},
		"service_id": {testenv.S(app.Service)}, "user_key": {app.UserKey}, "usage[hits]": {"1"}}.Encode()
	gateway := func(ctx context.Context) error {
		return get(ctx, env.GatewayURL+"/bench?user_key="+url.QueryEscape(app.UserKey), host)
	}
	direct := func(ctx context.Context) error {
		if err := get(ctx, authrepURL, ""); err != nil {
			return err
		}
		return get(ctx, env.EchoURL+"/bench?user_key="+url.QueryEscape(app.UserKey), "")
	}
	if err := gateway(context.Background()); err != nil {
		b.Fatalf("through the gateway: %v", err)
	}
	calls := countCalls(env.Server.Deps)
	deadline := time.Now().Add(min(warmup, 10*time.Second))
	for time.Now().Before(deadline) {
		measure(direct, 8, time.Second)
		measure(gateway, 8, time.Second)
	}
	// The hot path's DynamoDB calls per gateway call (the usage history,
	// written off the hot path in batches, is left out).
	calls.reset()
	const n = 200
	for i := 0; i < n; i++ {
		if err := gateway(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	counted := calls.reset().calls
	per := map[string]float64{}
	for op, k := range counted {
		per[op] = float64(k) / n
	}
	var out strings.Builder
	fmt.Fprintf(&out, "\ngateway → Echo API vs authrep + direct Echo API call\n")
	fmt.Fprintf(&out, "DynamoDB calls per steady-state gateway call: GetItem %.2f, Query %.2f, UpdateItem %.2f\n",
		per["GetItem"], per["Query"], per["UpdateItem"])
	fmt.Fprintf(&out, "%-5s | %-27s | %-27s | %s\n", "conc", "direct ops/s  p50   p99 ms", "gateway ops/s  p50   p99 ms", "ratio ops/s  p50")
	for _, c := range []int{1, 8} {
		var d, g []stats
		for i := 0; i < rounds; i++ {
			d = append(d, measure(direct, c, runFor/time.Duration(rounds)+100*time.Millisecond))
			g = append(g, measure(gateway, c, runFor/time.Duration(rounds)+100*time.Millisecond))
		}
		ds, gs := merge(d), merge(g)
		fmt.Fprintf(&out, "%-5d | %8.0f %6.2f %7.2f    | %8.0f %6.2f %7.2f    | %5.2f %5.2f  (errors %d/%d)\n", c,
			ds.OpsPerSec, ds.P50ms, ds.P99ms, gs.OpsPerSec, gs.P50ms, gs.P99ms, gs.OpsPerSec/ds.OpsPerSec, gs.P50ms/ds.P50ms, ds.Errors, gs.Errors)
	}
	fmt.Print(out.String())
}
