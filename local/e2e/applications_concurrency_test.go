package e2e

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
)

// concurrently sends n requests at once and counts the answers by status.
func (w *appsWorld) concurrently(t *testing.T, n int, req func(i int) *testenv.Response) map[int]int {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := req(i)
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return codes
}

func (w *appsWorld) subscription(t *testing.T, acc, svc int64) *audience.Subscription {
	t.Helper()
	k := audience.SubscriptionKey(w.tn.ID, acc, svc)
	var s audience.Subscription
	if err := w.env.Server.Deps.Store.Get(context.Background(), k.PK, k.SK, &s); err != nil {
		t.Fatalf("subscription of %d to %d: %v", acc, svc, err)
	}
	return &s
}

// 16 concurrent creates with one user_key, for an account not yet subscribed:
// exactly one application, one subscription, and counters that agree.
func TestConcurrentCreatesWithOneUserKey(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	codes := w.concurrently(t, 16, func(i int) *testenv.Response {
		return w.do(t, "POST", w.apps(w.acc)+".json", url.Values{"plan_id": {testenv.S(w.plan)}, "name": {"racer"}, "user_key": {"one-key-for-all"}})
	})
	if codes[201] != 1 || codes[422] != 15 {
		t.Fatalf("want 1×201 and 15×422, got %v", codes)
	}
	list := items(t, send(t, w.tn, 200, "GET", w.apps(w.acc)+".json", nil), "applications", "application")
	if len(list) != 1 || list[0]["user_key"] != "one-key-for-all" {
		t.Fatalf("applications: %v", list)
	}
	subs := items(t, send(t, w.tn, 200, "GET", "/admin/api/accounts/"+testenv.S(w.acc)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 1 || w.subscription(t, w.acc, w.svc).Apps != 1 {
		t.Fatalf("subscriptions: %v", subs)
	}
	w.assertCounters(t)
	if w.contracts(t, w.plan) != 1 || w.contracts(t, w.defaultServicePlan(t, w.svc)) != 1 {
		t.Fatalf("contracts: plan %d, service plan %d", w.contracts(t, w.plan), w.contracts(t, w.defaultServicePlan(t, w.svc)))
	}
}

func TestConcurrentCreatesWithOneApplicationID(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"2"}})
	codes := w.concurrently(t, 16, func(i int) *testenv.Response {
		return w.do(t, "POST", w.apps(w.acc)+".json", url.Values{"plan_id": {testenv.S(w.plan)}, "name": {"racer"}, "application_id": {"shared-app-id"}})
	})
	if codes[201] != 1 || codes[422] != 15 {
		t.Fatalf("want 1×201 and 15×422, got %v", codes)
	}
	if w.contracts(t, w.plan) != 1 {
		t.Fatalf("contracts: %d", w.contracts(t, w.plan))
	}
}

// 16 concurrent creates with distinct keys all succeed on one subscription.
func TestConcurrentCreatesShareOneSubscription(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	codes := w.concurrently(t, 16, func(i int) *testenv.Response {
		return w.do(t, "POST", w.apps(w.acc)+".json", url.Values{"plan_id": {testenv.S(w.plan)}, "name": {fmt.Sprint("app ", i)}})
	})
	w.assertCounters(t)
	if codes[201] != 16 {
		t.Fatalf("want 16×201, got %v", codes)
	}
	if w.subscription(t, w.acc, w.svc).Apps != 16 || w.contracts(t, w.plan) != 16 || w.contracts(t, w.defaultServicePlan(t, w.svc)) != 1 {
		t.Fatalf("subscription apps %d, plan contracts %d", w.subscription(t, w.acc, w.svc).Apps, w.contracts(t, w.plan))
	}
}

// 16 applications take one user_key at once: exactly one gets it.
func TestConcurrentUserKeyUpdates(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	var apps []int64
	for i := 0; i < 16; i++ {
		apps = append(apps, testenv.ID(t, w.newApp(t, w.acc, w.plan, nil)))
	}
	codes := w.concurrently(t, 16, func(i int) *testenv.Response {
		return w.do(t, "PUT", w.app(w.acc, apps[i])+".json", url.Values{"user_key": {"wanted-by-all"}})
	})
	w.assertCounters(t)
	if codes[200] != 1 || codes[422] != 15 {
		t.Fatalf("want 1×200 and 15×422, got %v", codes)
	}
	found := obj(t, send(t, w.tn, 200, "GET", "/admin/api/applications/find.json", url.Values{"user_key": {"wanted-by-all"}}), "application")
	holders := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"name": {"user_key:wanted-by-all"}}), "applications", "application")
	if len(holders) != 1 || testenv.ID(t, holders[0]) != testenv.ID(t, found) {
		t.Fatalf("holders of the key: %v", holders)
	}
}

// Concurrent transitions of one application: exactly one suspension happens;
// the others are refused (422 once it is suspended, 409 when they raced).
func TestConcurrentSuspensions(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	path := w.app(w.acc, testenv.ID(t, w.newApp(t, w.acc, w.plan, nil)))
	codes := w.concurrently(t, 8, func(int) *testenv.Response { return w.do(t, "PUT", path+"/suspend.json", nil) })
	w.assertCounters(t)
	if codes[200] != 1 || codes[422]+codes[409] != 7 {
		t.Fatalf("want one 200, the rest 422 or 409: %v", codes)
	}
}
