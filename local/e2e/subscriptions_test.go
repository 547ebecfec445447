package e2e

import (
	"net/url"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func (w *appsWorld) subs(acc int64) string {
	return "/admin/api/accounts/" + testenv.S(acc) + "/service_subscriptions"
}

func TestServiceSubscriptionLifecycle(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	def := w.defaultServicePlan(t, w.svc)
	sub := w.tn.Create(t, w.subs(w.acc)+".json", "service_subscription", url.Values{"plan_id": {testenv.S(def)}})
	for k, want := range map[string]any{"plan_id": float64(def), "user_account_id": float64(w.acc), "state": "live",
		"type": "ServiceContract", "service_id": float64(w.svc), "tenant_id": float64(w.tn.ID), "setup_fee": "0.0"} {
		if sub[k] != want {
			t.Fatalf("%s = %v, want %v: %v", k, sub[k], want, sub)
		}
	}
	if sub["accepted_at"] == nil || sub["created_at"] == nil {
		t.Fatalf("timestamps: %v", sub)
	}
	if w.contracts(t, def) != 1 {
		t.Fatal("the service plan counts the subscription")
	}
	// One subscription per service, whatever the plan.
	other := w.servicePlan(t, w.svc, false)
	for _, p := range []int64{def, other} {
		r := w.do(t, "POST", w.subs(w.acc)+".json", url.Values{"service_subscription[plan_id]": {testenv.S(p)}})
		if r.Status != 422 || firstError(t, r, "base") != "already subscribed to this service" {
			t.Fatalf("second subscription: %d %s", r.Status, r.Body)
		}
	}
	for name, form := range map[string]url.Values{"application plan": {"plan_id": {testenv.S(w.plan)}},
		"unknown plan": {"plan_id": {"999999999"}}, "no plan": nil} {
		if r := w.do(t, "POST", w.subs(w.acc)+".json", form); r.Status != 404 {
			t.Fatalf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	send(t, w.tn, 404, "POST", w.subs(999999999)+".json", url.Values{"plan_id": {testenv.S(def)}})
	// JSON only.
	if r := w.do(t, "GET", w.subs(w.acc)+".xml", nil); r.Status != 406 {
		t.Fatalf("XML: %d %s", r.Status, r.Body)
	}
	id := testenv.S(testenv.ID(t, sub))
	if got := obj(t, send(t, w.tn, 200, "GET", w.subs(w.acc)+"/"+id+".json", nil), "service_subscription"); testenv.ID(t, got) != testenv.ID(t, sub) {
		t.Fatalf("read: %v", got)
	}
	send(t, w.tn, 404, "GET", w.subs(w.developer(t))+"/"+id+".json", nil)
	send(t, w.tn, 404, "GET", w.subs(w.acc)+"/999999999.json", nil)
	// change_plan answers the service plan and moves the counters.
	got := obj(t, send(t, w.tn, 200, "PUT", w.subs(w.acc)+"/"+id+"/change_plan.json", url.Values{"plan_id": {testenv.S(other)}}), "service_plan")
	if testenv.ID(t, got) != other || w.contracts(t, other) != 1 || w.contracts(t, def) != 0 {
		t.Fatalf("change_plan: %v", got)
	}
	send(t, w.tn, 200, "PUT", w.subs(w.acc)+"/"+id+"/change_plan.json", url.Values{"plan_id": {testenv.S(other)}})
	foreign := w.defaultServicePlan(t, w.service(t, nil))
	r := w.do(t, "PUT", w.subs(w.acc)+"/"+id+"/change_plan.json", url.Values{"plan_id": {testenv.S(foreign)}})
	if r.Status != 422 || firstError(t, r, "plan") != "must belong to the same product" {
		t.Fatalf("plan of another service: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 404, "PUT", w.subs(w.acc)+"/"+id+"/change_plan.json", url.Values{"plan_id": {testenv.S(w.plan)}})
	// A live subscription cannot be approved.
	r = w.do(t, "PUT", w.subs(w.acc)+"/"+id+"/approve.json", nil)
	if r.Status != 422 || fieldErrors(t, r)["state"] == nil {
		t.Fatalf("approve a live subscription: %d %s", r.Status, r.Body)
	}
	// Unsubscribing without applications.
	r = w.do(t, "DELETE", w.subs(w.acc)+"/"+id+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("unsubscribe: %d %s", r.Status, r.Body)
	}
	send(t, w.tn, 404, "GET", w.subs(w.acc)+"/"+id+".json", nil)
	if w.contracts(t, other) != 0 {
		t.Fatal("contracts after unsubscribing")
	}
	list := send(t, w.tn, 200, "GET", w.subs(w.acc)+".json", nil)
	if len(items(t, list, "service_subscriptions", "service_subscription")) != 0 {
		t.Fatalf("list after unsubscribing: %s", list.Body)
	}
}

func TestServiceSubscriptionApproval(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	plan := w.servicePlan(t, w.svc, true)
	sub := w.tn.Create(t, w.subs(w.acc)+".json", "service_subscription", url.Values{"plan_id": {testenv.S(plan)}})
	if sub["state"] != "pending" || sub["accepted_at"] != nil {
		t.Fatalf("subscription on an approval plan: %v", sub)
	}
	path := w.subs(w.acc) + "/" + testenv.S(testenv.ID(t, sub))
	got := obj(t, send(t, w.tn, 200, "PUT", path+"/approve.json", nil), "service_subscription")
	if got["state"] != "live" || got["accepted_at"] == nil {
		t.Fatalf("approved: %v", got)
	}
	send(t, w.tn, 422, "PUT", path+"/approve.json", nil)
	// An application joins the existing subscription rather than making one.
	w.newApp(t, w.acc, w.plan, nil)
	subs := items(t, send(t, w.tn, 200, "GET", w.subs(w.acc)+".json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 1 || num(t, subs[0], "plan_id") != plan {
		t.Fatalf("subscriptions: %v", subs)
	}
}

// Unsubscribing is refused while an application on the service is not
// suspended; then the suspended applications go with the subscription.
func TestUnsubscribeDeletesSuspendedApplications(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	otherSvc := w.service(t, nil)
	keep := w.newApp(t, w.acc, w.appPlan(t, otherSvc, nil), nil)
	var apps []int64
	for i := 0; i < 14; i++ { // more than one transaction deletes
		apps = append(apps, testenv.ID(t, w.newApp(t, w.acc, w.plan, nil)))
	}
	send(t, w.tn, 200, "PUT", w.app(w.acc, apps[0])+"/customize_plan.json", nil)
	subs := items(t, send(t, w.tn, 200, "GET", w.subs(w.acc)+".json", nil), "service_subscriptions", "service_subscription")
	var path string
	for _, s := range subs {
		if num(t, s, "service_id") == w.svc {
			path = w.subs(w.acc) + "/" + testenv.S(testenv.ID(t, s))
		}
	}
	for i, id := range apps {
		r := w.do(t, "DELETE", path+".json", nil)
		if r.Status != 403 || !strings.Contains(firstError(t, r, "base"), "not suspended") {
			t.Fatalf("unsubscribe with %d applications not suspended: %d %s", len(apps)-i, r.Status, r.Body)
		}
		send(t, w.tn, 200, "PUT", w.app(w.acc, id)+"/suspend.json", nil)
	}
	r := w.do(t, "DELETE", path+".json", nil)
	if r.Status != 200 {
		t.Fatalf("unsubscribe: %d %s", r.Status, r.Body)
	}
	for _, id := range apps {
		send(t, w.tn, 404, "GET", w.app(w.acc, id)+".json", nil)
	}
	send(t, w.tn, 200, "GET", w.app(w.acc, testenv.ID(t, keep))+".json", nil)
	if w.contracts(t, w.plan) != 0 || w.contracts(t, w.defaultServicePlan(t, w.svc)) != 0 {
		t.Fatal("contracts after unsubscribing")
	}
	if n := len(items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", url.Values{"service_id": {testenv.S(w.svc)}}), "applications", "application")); n != 0 {
		t.Fatalf("%d applications left on the service", n)
	}
	w.assertCounters(t)
	// A new application subscribes the account again.
	w.newApp(t, w.acc, w.plan, nil)
	if w.contracts(t, w.defaultServicePlan(t, w.svc)) != 1 {
		t.Fatal("resubscription")
	}
}

func TestListServiceSubscribers(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	acc2 := w.developer(t)
	w.newApp(t, w.acc, w.plan, nil)
	w.newApp(t, acc2, w.plan, nil)
	w.newApp(t, acc2, w.appPlan(t, w.service(t, nil), nil), nil)
	subs := items(t, send(t, w.tn, 200, "GET", "/admin/api/services/"+testenv.S(w.svc)+"/service_subscriptions.json", nil), "service_subscriptions", "service_subscription")
	if len(subs) != 2 || num(t, subs[0], "user_account_id") != w.acc || num(t, subs[1], "user_account_id") != acc2 {
		t.Fatalf("subscribers: %v", subs)
	}
	send(t, w.tn, 404, "GET", "/admin/api/services/999999999/service_subscriptions.json", nil)
}

// 16 concurrent subscriptions of one account to one service: exactly one.
func TestConcurrentSubscriptions(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	def := w.defaultServicePlan(t, w.svc)
	codes := w.concurrently(t, 16, func(int) *testenv.Response {
		return w.do(t, "POST", w.subs(w.acc)+".json", url.Values{"plan_id": {testenv.S(def)}})
	})
	if codes[201] != 1 || codes[422] != 15 || w.contracts(t, def) != 1 {
		t.Fatalf("want 1×201 and 15×422, got %v (contracts %d)", codes, w.contracts(t, def))
	}
}
