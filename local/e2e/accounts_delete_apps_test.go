package e2e

import (
	"context"
	"net/url"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// Deleting an account removes its applications as the application DELETE
// does: listings, listing counters, custom plans with their limits, key
// claims, subscriptions and every plan's contracts follow.
func TestAccountDeleteRemovesApplications(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, url.Values{"backend_version": {"1"}})
	ctx := context.Background()
	s := w.env.Server.Deps.Store
	hits := w.tn.MetricID(t, w.svc, "hits")
	w.tn.Create(t, "/admin/api/application_plans/"+testenv.S(w.plan)+"/metrics/"+testenv.S(hits)+"/limits.json", "limit",
		url.Values{"period": {"day"}, "value": {"10"}})
	plain := w.newApp(t, w.acc, w.plan, nil)
	customized := w.newApp(t, w.acc, w.plan, nil)
	custom := testenv.ID(t, obj(t, send(t, w.tn, 200, "PUT", w.app(w.acc, testenv.ID(t, customized))+"/customize_plan.json", nil), "application_plan"))
	if limits, err := catalog.Limits(ctx, s, w.tn.ID, custom); err != nil || len(limits) != 1 {
		t.Fatalf("custom plan limits: %v %v", limits, err)
	}
	// A subscription without applications, to another service.
	other := w.service(t, url.Values{"backend_version": {"1"}})
	otherSP := w.defaultServicePlan(t, other)
	w.tn.Create(t, w.subs(w.acc)+".json", "service_subscription", url.Values{"plan_id": {testenv.S(otherSP)}})
	svcSP := w.defaultServicePlan(t, w.svc)
	// Another developer keeps an application on another plan of the service.
	keeper := w.developer(t)
	keeperPlan := w.appPlan(t, w.svc, nil)
	kept := w.newApp(t, keeper, keeperPlan, nil)
	if w.contracts(t, w.plan) != 1 || w.contracts(t, svcSP) != 2 || w.contracts(t, otherSP) != 1 {
		t.Fatalf("contracts before: %d %d %d", w.contracts(t, w.plan), w.contracts(t, svcSP), w.contracts(t, otherSP))
	}

	r := w.do(t, "DELETE", "/admin/api/accounts/"+testenv.S(w.acc)+".json", nil)
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	// Contracts are back: the plans can be deleted.
	if n := w.contracts(t, w.plan); n != 0 {
		t.Fatalf("application plan keeps %d contracts", n)
	}
	if w.contracts(t, svcSP) != 1 || w.contracts(t, otherSP) != 0 {
		t.Fatalf("service plans keep %d and %d contracts", w.contracts(t, svcSP), w.contracts(t, otherSP))
	}
	send(t, w.tn, 200, "DELETE", "/admin/api/services/"+testenv.S(w.svc)+"/application_plans/"+testenv.S(w.plan)+".json", nil)
	send(t, w.tn, 200, "DELETE", "/admin/api/services/"+testenv.S(other)+"/service_plans/"+testenv.S(otherSP)+".json", nil)
	// The custom plan went with its limits.
	send(t, w.tn, 404, "GET", "/admin/api/services/"+testenv.S(w.svc)+"/application_plans/"+testenv.S(custom)+".json", nil)
	if limits, err := catalog.Limits(ctx, s, w.tn.ID, custom); err != nil || len(limits) != 0 {
		t.Fatalf("custom plan limits left: %v %v", limits, err)
	}
	// Listings and their counters show the other developer's application alone.
	for _, f := range []url.Values{nil, {"service_id": {testenv.S(w.svc)}}, {"state": {"live"}}} {
		l := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", f), "applications", "application")
		if len(l) != 1 || testenv.ID(t, l[0]) != testenv.ID(t, kept) {
			t.Fatalf("applications %v: %v", f, l)
		}
	}
	var copies []*audience.Application
	if err := s.All(ctx, store.Query{PK: store.TenantPK(w.tn.ID), Prefix: "APPL#"}, &copies); err != nil || len(copies) != 1 {
		t.Fatalf("%d listing copies (%v)", len(copies), err)
	}
	w.assertCounters(t)
	var subs []*audience.Subscription
	if err := s.All(ctx, store.Query{PK: store.TenantPK(w.tn.ID), Prefix: audience.SubscriptionPrefix(w.acc)}, &subs); err != nil || len(subs) != 0 {
		t.Fatalf("%d subscriptions left (%v)", len(subs), err)
	}
	// The user keys are free again.
	for _, a := range []map[string]any{plain, customized} {
		w.newApp(t, keeper, keeperPlan, url.Values{"user_key": {text(t, a, "user_key")}})
	}
}

// The application DELETE moves the subscription's count of applications, so
// the account can then leave the service.
func TestApplicationDeleteLeavesSubscription(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	a := w.newApp(t, w.acc, w.plan, nil)
	b := w.newApp(t, w.acc, w.plan, nil)
	if n := w.subscription(t, w.acc, w.svc).Apps; n != 2 {
		t.Fatalf("subscription counts %d applications", n)
	}
	send(t, w.tn, 200, "DELETE", w.app(w.acc, testenv.ID(t, a))+".json", nil)
	send(t, w.tn, 200, "DELETE", w.app(w.acc, testenv.ID(t, b))+".json", nil)
	sub := w.subscription(t, w.acc, w.svc)
	if sub.Apps != 0 {
		t.Fatalf("subscription counts %d applications", sub.Apps)
	}
	send(t, w.tn, 200, "DELETE", w.subs(w.acc)+"/"+testenv.S(sub.ID)+".json", nil)
	if n := w.contracts(t, w.plan); n != 0 {
		t.Fatalf("%d contracts", n)
	}
	w.assertCounters(t)
}

// An account with more applications than one transaction holds is deleted in several.
func TestAccountDeleteManyApplications(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	svc2 := w.service(t, nil)
	second := w.appPlan(t, svc2, nil)
	for i := 0; i < 24; i++ { // 4 items each and the counters: more than one transaction
		plan := w.plan
		if i%2 == 1 {
			plan = second
		}
		w.newApp(t, w.acc, plan, nil)
	}
	send(t, w.tn, 200, "DELETE", "/admin/api/accounts/"+testenv.S(w.acc)+".json", nil)
	for _, plan := range []int64{w.plan, second, w.defaultServicePlan(t, w.svc), w.defaultServicePlan(t, svc2)} {
		if n := w.contracts(t, plan); n != 0 {
			t.Fatalf("plan %d keeps %d contracts", plan, n)
		}
	}
	if l := items(t, send(t, w.tn, 200, "GET", "/admin/api/applications.json", nil), "applications", "application"); len(l) != 0 {
		t.Fatalf("%d applications left", len(l))
	}
	w.assertCounters(t)
}

// Several custom plans leave in one transaction: by account deletion, and by
// unsubscription.
func TestCustomPlansLeaveTogether(t *testing.T) {
	t.Parallel()
	w := newAppsWorld(t, nil)
	customized := func(acc int64) []int64 {
		var plans []int64
		for i := 0; i < 3; i++ {
			a := w.newApp(t, acc, w.plan, nil)
			p := obj(t, send(t, w.tn, 200, "PUT", w.app(acc, testenv.ID(t, a))+"/customize_plan.json", nil), "application_plan")
			plans = append(plans, testenv.ID(t, p))
			send(t, w.tn, 200, "PUT", w.app(acc, testenv.ID(t, a))+"/suspend.json", nil)
		}
		return plans
	}
	gone := customized(w.acc)
	send(t, w.tn, 200, "DELETE", "/admin/api/accounts/"+testenv.S(w.acc)+".json", nil)
	other := w.developer(t)
	gone = append(gone, customized(other)...)
	send(t, w.tn, 200, "DELETE", w.subs(other)+"/"+testenv.S(w.subscription(t, other, w.svc).ID)+".json", nil)
	for _, p := range gone {
		send(t, w.tn, 404, "GET", "/admin/api/services/"+testenv.S(w.svc)+"/application_plans/"+testenv.S(p)+".json", nil)
	}
	if plans := items(t, send(t, w.tn, 200, "GET", "/admin/api/services/"+testenv.S(w.svc)+"/application_plans.json", nil), "plans", "application_plan"); len(plans) != 1 {
		t.Fatalf("%d plans listed", len(plans))
	}
	if n := w.contracts(t, w.plan); n != 0 {
		t.Fatalf("%d contracts", n)
	}
	w.assertCounters(t)
}
