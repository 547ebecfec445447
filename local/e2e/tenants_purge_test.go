package e2e

import (
	"context"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// richTenant is a tenant with something of every kind: services, plans,
// limits, developer accounts and users, an application with keys and usage
// (counters and history), a message, a personal access token, a service token.
func richTenant(t *testing.T, env *testenv.Env) (*testenv.Tenant, *testenv.App) {
	t.Helper()
	tn := env.NewTenant(t)
	app := tn.NewApp(t, map[string]int64{"day": 100, "month": 1000})
	status(t, authrepOf(t, env, tn, app), 200, "<current_value>1</current_value>")
	acc := "/admin/api/accounts/" + testenv.S(app.Account)
	status(t, tn.Do(t, "POST", acc+"/messages.json", url.Values{"subject": {"Hello"}, "body": {"Welcome"}}), 201)
	status(t, tn.Do(t, "POST", acc+"/applications/"+testenv.S(app.ID)+"/keys.json", url.Values{"key": {"a-secret-key"}}), 201)
	accToken(t, env, tn, "ro", "account_management")
	status(t, tn.Do(t, "POST", "/admin/api/services/"+testenv.S(app.Service)+"/service_tokens.json", nil), 201)
	awaitUsage(t, tn, app.ID, 1)
	return tn, app
}

// awaitUsage waits until an application's usage history of hits today
// shows total: it is written off the hot path.
func awaitUsage(t *testing.T, tn *testenv.Tenant, app int64, total int) {
	t.Helper()
	hist := "/stats/applications/" + testenv.S(app) + "/usage.json"
	for i := 0; ; i++ {
		r := tn.Stats(t, hist, url.Values{"metric_name": {"hits"}, "granularity": {"day"}})
		if r.Status == 200 && strings.Contains(r.String(), `"total":`+strconv.Itoa(total)) {
			return
		}
		if i == 200 {
			t.Fatalf("no usage history: %d %s", r.Status, r.Body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// advance moves the stack's clock for the rest of the test. Tests that move
// it do not run in parallel with others (a day's limit would roll over).
func advance(t *testing.T, env *testenv.Env, d time.Duration) {
	env.Server.Clock.Advance(d)
	t.Cleanup(func() { env.Server.Clock.Advance(-d) })
}

// A tenant scheduled for deletion is erased once 15 days have passed: every
// item of every kind in every table, the other tenant untouched; a purge
// stopped midway is finished by the next run; the master reads the audit
// record; a dry run changes nothing.
func TestTenantPurge(t *testing.T) {
	env := testenv.Get(t)
	a, _ := richTenant(t, env)
	b, bApp := richTenant(t, env)
	before := tableItems(t, env, a.ID)
	bBefore := tableItems(t, env, b.ID)
	for _, table := range []string{env.Server.Deps.Store.Entities, env.Server.Deps.Store.Counters, env.Server.Deps.Store.Usage} {
		if len(before[table]) == 0 {
			t.Fatalf("tenant A has nothing in %s", table)
		}
	}
	path := "/master/api/providers/" + testenv.S(a.ID)
	status(t, master(t, env, "DELETE", path+".json", nil), 200)
	scheduled := tableItems(t, env, a.ID)

	// A dry run counts and changes nothing.
	r := master(t, env, "POST", path+"/purge.json", url.Values{"dry_run": {"true"}})
	status(t, r, 200)
	dry := obj(t, r, "purge")
	if !reflect.DeepEqual(tableItems(t, env, a.ID), scheduled) || dry["done"] != false {
		t.Fatalf("the dry run changed something: %v", dry)
	}

	// Before the deletion date, the schedule leaves it alone.
	advance(t, env, 14*24*time.Hour)
	if err := env.Server.RunScheduled(context.Background(), "purge-tenants"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tableItems(t, env, a.ID), scheduled) {
		t.Fatal("purged before the deletion date")
	}

	// After it: a run stopped after one batch, then the scheduled run finishes.
	advance(t, env, 24*time.Hour+time.Minute)
	r = master(t, env, "POST", path+"/purge.json", url.Values{"max_batches": {"1"}})
	status(t, r, 202)
	if mid := tableItems(t, env, a.ID); countItems(mid) == 0 || countItems(mid) >= countItems(scheduled) {
		t.Fatalf("after one batch: %d items of %d", countItems(mid), countItems(scheduled))
	}
	if s := tenantOf(t, env, a.ID)["state"]; s != "scheduled_for_deletion" {
		t.Fatalf("mid-purge state %v", s)
	}
	tenantEvent(t, env, a.ID, "resume", 422) // half erased: never coming back
	// The stack's own schedule may be erasing A at this moment: this run then
	// leaves A to it, and the purge is over when that run is.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if err := env.Server.RunScheduled(context.Background(), "purge-tenants"); err != nil {
			t.Fatal(err)
		}
		left := tableItems(t, env, a.ID)
		if countItems(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("left after the purge: %v", left)
		}
	}
	if !reflect.DeepEqual(tableItems(t, env, b.ID), bBefore) {
		t.Fatal("tenant B changed")
	}
	status(t, master(t, env, "GET", path+".json", nil), 404)
	status(t, a.Do(t, "GET", "/admin/api/provider.json", nil), 403)
	status(t, authrepOf(t, env, b, bApp), 200, "<authorized>true</authorized>")

	// The audit record: who asked, who erased, how many of each kind.
	r = master(t, env, "GET", "/master/api/purges.json", nil)
	status(t, r, 200)
	var audit map[string]any
	for _, p := range items(t, r, "purges", "purge") {
		if num(t, p, "tenant_id") == a.ID {
			audit = p
		}
	}
	if audit == nil || audit["requested_by"] != "master access token" || audit["purged_by"] != "schedule" {
		t.Fatalf("audit: %v", audit)
	}
	counts := inner(t, audit, "counts")
	var total float64
	for _, k := range []string{"app", "acc", "counter", "usage_history", "access_token_lookup", "service_token_lookup", "tenant", "provider_key_lookup"} {
		if n, ok := counts[k].(float64); !ok || n < 1 {
			t.Errorf("audit counts no %s: %v", k, counts)
		}
	}
	for k := range counts {
		total += float64(num(t, counts, k))
	}
	if int(total) != countItems(before) {
		t.Errorf("audit counts %d items, the tables held %d", int(total), countItems(before))
	}
}

// A suspended tenant may be purged at once; the subdomain is free again.
func TestTenantPurgeSuspended(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn, _ := richTenant(t, env)
	path := "/master/api/providers/" + testenv.S(tn.ID)
	tenantEvent(t, env, tn.ID, "suspend", 200)
	r := master(t, env, "POST", path+"/purge.json", nil)
	status(t, r, 200)
	if p := obj(t, r, "purge"); p["done"] != true || p["purged_by"] != "master access token" {
		t.Fatalf("purge: %v", p)
	}
	if left := tableItems(t, env, tn.ID); countItems(left) != 0 {
		t.Fatalf("left: %v", left)
	}
	status(t, master(t, env, "GET", path+".json", nil), 404)
	status(t, master(t, env, "POST", path+"/purge.json", nil), 404)
}

// Suspending a tenant, scheduling its deletion and resuming it within the 15
// days leaves every item of it as it was (its record aside: state, times,
// version), and its applications authorize at once with their usage kept.
func TestTenantResumeRestores(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn, app := richTenant(t, env)
	withoutRecord := func() map[string][]string {
		out := map[string][]string{}
		for table, items := range tableItems(t, env, tn.ID) {
			for _, it := range items {
				if !strings.Contains(it, `"SK":"#TENANT"`) {
					out[table] = append(out[table], it)
				}
			}
		}
		return out
	}
	before := withoutRecord()
	tenantEvent(t, env, tn.ID, "suspend", 200)
	status(t, authrepOf(t, env, tn, app), 403, "provider_key_invalid")
	status(t, master(t, env, "DELETE", "/master/api/providers/"+testenv.S(tn.ID)+".json", nil), 200)
	tenantEvent(t, env, tn.ID, "resume", 200)
	if after := withoutRecord(); !reflect.DeepEqual(after, before) {
		t.Fatalf("resume did not restore the tenant:\nbefore %v\nafter  %v", before, after)
	}
	status(t, authrepOf(t, env, tn, app), 200, "<current_value>2</current_value>")
}
