package e2ewebhooks

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"turnpike/shared/localdev/dispatch"
	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/audience"
)

// Deleting an account deletes its applications and users, and each fires its
// own deleted event, once, with its XML as it was, after its created event;
// the switches decide as for any other change.
func TestWebhookAccountDeletionCascade(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, true)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Cascade"}}))
	plan := testenv.ID(t, tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"basic"}}))

	// account builds an account with a second user and three applications,
	// and returns its path with the ids of its users and applications.
	account := func(name string) (string, []int64, []int64) {
		acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {name},
			"username": {name}, "email": {name + "@example.com"}, "password": {password}}))
		a := "/admin/api/accounts/" + testenv.S(acc)
		tn.Create(t, a+"/users.json", "user", url.Values{"username": {name + "-second"}, "email": {name + "-second@example.com"}})
		for i := 1; i <= 3; i++ {
			tn.Create(t, a+"/applications.json", "application", url.Values{"plan_id": {testenv.S(plan)}, "name": {fmt.Sprintf("%s app %d", name, i)}})
		}
		var users, apps []int64
		for _, it := range tn.Do(t, "GET", a+"/users.json", nil).JSON(t)["users"].([]any) {
			users = append(users, testenv.ID(t, it.(map[string]any)["user"].(map[string]any)))
		}
		for _, it := range tn.Do(t, "GET", a+"/applications.json", nil).JSON(t)["applications"].([]any) {
			apps = append(apps, testenv.ID(t, it.(map[string]any)["application"].(map[string]any)))
		}
		if len(users) != 2 || len(apps) < 3 {
			t.Fatalf("%s: users %v, applications %v", name, users, apps)
		}
		return a, users, apps
	}
	// deleted lists "type id" of the deleted events received so far, sorted.
	deleted := func() []string {
		var out []string
		for _, d := range rc.ok() {
			if d.Event.Action == "deleted" {
				out = append(out, d.Event.Type+" "+idOf(d.Event.Object.Inner))
			}
		}
		sort.Strings(out)
		return out
	}
	ids := func(typ string, list ...int64) []string {
		var out []string
		for _, id := range list {
			out = append(out, typ+" "+testenv.S(id))
		}
		return out
	}

	a, users, apps := account("cascade")
	acc := a[strings.LastIndex(a, "/")+1:]
	if r := tn.Do(t, "DELETE", a+".json", nil); r.Status != 200 {
		t.Fatalf("delete account: %d %s", r.Status, r.Body)
	}
	want := append(append(ids("user", users...), ids("application", apps...)...), "account "+acc)
	sort.Strings(want)
	waitFor(t, 30*time.Second, "the deleted events", func() bool { return len(deleted()) >= len(want) })
	time.Sleep(time.Second) // nothing more comes
	if got := deleted(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("deleted events:\n got %v\nwant %v", got, want)
	}
	// Each object's events in order: created before deleted; the XML is the object's as it was.
	seen := map[string]string{}
	for _, d := range rc.ok() {
		k := d.Event.Type + " " + idOf(d.Event.Object.Inner)
		if d.Event.Action == "deleted" {
			if seen[k] != "created" && d.Event.Type != "account" {
				t.Errorf("%s: deleted after %q", k, seen[k])
			}
			if d.Event.Type == "application" && !has(d.Event.Object.Inner, "<user_account_id>"+acc+"</user_account_id>") {
				t.Errorf("application XML: %s", d.Event.Object.Inner)
			}
			if d.Event.Type == "user" && !has(d.Event.Object.Inner, "<username>cascade") {
				t.Errorf("user XML: %s", d.Event.Object.Inner)
			}
		}
		seen[k] = d.Event.Action
	}
	// Each event once in the delivery log, delivered.
	n := 0
	for _, e := range events(t, tn) {
		if e["action"] == "deleted" {
			n++
			if e["state"] != "delivered" || len(attempts(e)) != 1 {
				t.Errorf("log: %v", e)
			}
		}
	}
	if n != len(want) {
		t.Errorf("%d deleted events in the log, want %d", n, len(want))
	}

	// With user_deleted_on off, the users go without an event; the rest fire.
	if r := tn.Do(t, "PUT", "/admin/api/webhooks.json", url.Values{"user_deleted_on": {"false"}}); r.Status != 200 {
		t.Fatalf("PUT webhooks: %d %s", r.Status, r.Body)
	}
	b, _, apps2 := account("second")
	before := len(deleted())
	if r := tn.Do(t, "DELETE", b+".json", nil); r.Status != 200 {
		t.Fatalf("delete account: %d %s", r.Status, r.Body)
	}
	more := len(apps2) + 1
	waitFor(t, 30*time.Second, "the second account's deleted events", func() bool { return len(deleted()) >= before+more })
	time.Sleep(time.Second)
	if got := deleted(); len(got) != before+more {
		t.Fatalf("deleted events after the second deletion: %v (want %d more: its applications and itself)", got, more)
	}
	for _, k := range deleted() {
		if strings.HasPrefix(k, "user ") && !contains(ids("user", users...), k) {
			t.Errorf("a user deleted with user_deleted_on off: %s", k)
		}
	}
}

// idOf is the <id> of an object's XML (its first id element).
func idOf(xml string) string {
	i := strings.Index(xml, "<id>")
	if i < 0 {
		return ""
	}
	j := strings.Index(xml[i:], "</id>")
	return xml[i+4 : i+j]
}

// An account deletion cut short after its applications went (the transaction
// removing its users and the account item fails) fires their deleted events
// then, and a second DELETE fires the rest: every object's event once.
func TestWebhookAccountDeletionResumed(t *testing.T) {
	env := testenv.Get(t)
	rc := newReceiver(t, nil)
	tn, _ := hook(t, env, rc, true)
	svc := testenv.ID(t, tn.Create(t, "/admin/api/services.json", "service", url.Values{"name": {"Resumed"}}))
	plan := testenv.ID(t, tn.Create(t, "/admin/api/services/"+testenv.S(svc)+"/application_plans.json", "application_plan",
		url.Values{"name": {"basic"}}))
	acc := testenv.ID(t, tn.Create(t, "/admin/api/signup.json", "account", url.Values{"org_name": {"Resumed"},
		"username": {"resumed"}, "email": {"resumed@example.com"}, "password": {password}}))
	a := "/admin/api/accounts/" + testenv.S(acc)
	for i := 1; i <= 2; i++ {
		tn.Create(t, a+"/applications.json", "application", url.Values{"plan_id": {testenv.S(plan)}, "name": {fmt.Sprintf("resumed %d", i)}})
	}
	var apps []string
	for _, it := range tn.Do(t, "GET", a+"/applications.json", nil).JSON(t)["applications"].([]any) {
		apps = append(apps, "application "+testenv.S(testenv.ID(t, it.(map[string]any)["application"].(map[string]any))))
	}
	user := testenv.ID(t, tn.Do(t, "GET", a+"/users.json", nil).JSON(t)["users"].([]any)[0].(map[string]any)["user"].(map[string]any))

	// A runner of its own whose DynamoDB refuses the transaction deleting the account item.
	accKey := audience.AccountKey(tn.ID, acc)
	base := env.Server.Deps.Store
	db := dynamodb.New(base.DB.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Initialize.Add(middleware.InitializeMiddlewareFunc("fail", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if tw, ok := in.Parameters.(*dynamodb.TransactWriteItemsInput); ok {
					for _, it := range tw.TransactItems {
						if it.Delete != nil && attr(it.Delete.Key["PK"]) == accKey.PK && attr(it.Delete.Key["SK"]) == accKey.SK {
							return middleware.InitializeOutput{}, middleware.Metadata{}, errors.New("injected: the store went away")
						}
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
		})
	})
	s := *base
	s.DB = db
	d := *env.Server.Deps
	d.Store = &s
	hs := httptest.NewServer(dispatch.New(&d))
	defer hs.Close()
	failing := &testenv.Env{URL: hs.URL, Server: env.Server}
	if r := failing.Do(t, "DELETE", a+".json", url.Values{"access_token": {tn.Token}}); r.Status < 500 {
		t.Fatalf("the cut-short deletion answered %d %s", r.Status, r.Body)
	}
	deleted := func() []string {
		var out []string
		for _, d := range rc.ok() {
			if d.Event.Action == "deleted" {
				out = append(out, d.Event.Type+" "+idOf(d.Event.Object.Inner))
			}
		}
		sort.Strings(out)
		return out
	}
	waitFor(t, 30*time.Second, "the applications' deleted events", func() bool { return len(deleted()) >= len(apps) })
	time.Sleep(time.Second)
	sort.Strings(apps)
	if got := deleted(); strings.Join(got, ",") != strings.Join(apps, ",") {
		t.Fatalf("after the cut-short deletion: %v, want the applications' only %v", got, apps)
	}
	if r := tn.Do(t, "DELETE", a+".json", nil); r.Status != 200 {
		t.Fatalf("the second DELETE: %d %s", r.Status, r.Body)
	}
	want := append(append([]string{}, apps...), "user "+testenv.S(user), "account "+testenv.S(acc))
	sort.Strings(want)
	waitFor(t, 30*time.Second, "every deleted event", func() bool { return len(deleted()) >= len(want) })
	time.Sleep(time.Second)
	if got := deleted(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("deleted events:\n got %v\nwant %v", got, want)
	}
}

func attr(v types.AttributeValue) string {
	s, _ := v.(*types.AttributeValueMemberS)
	if s == nil {
		return ""
	}
	return s.Value
}
