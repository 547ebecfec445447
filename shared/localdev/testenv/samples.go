package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/infra/template"
	"turnpike/shared/platform/credential"
)

// Samples are the ids of what SeedSamples created, by the name the sample
// events use for them (events/*.json hold these ids: a fresh store always
// gives the same ones).
type Samples struct {
	Tenant *Tenant
	IDs    map[string]int64
}

// SeedSamples creates, through the operations themselves, the tenant of the
// sample events and one of every entity they name, in the state each
// operation needs to succeed: a pending account to approve, a suspended one
// to resume, a pending user to activate, an invitation with a known token,
// and so on. Run it on a fresh store: the ids are then those of the samples.
func (e *Env) SeedSamples(t testing.TB) *Samples {
	t.Helper()
	tn := e.NewTenant(t)
	sm := &Samples{Tenant: tn, IDs: map[string]int64{"tenant": tn.ID, "service": tn.DefaultService}}
	ids := sm.IDs
	// The samples' credentials: the tenant's admin token and provider key
	// under the samples' values.
	e.rekey(t, credential.Hash(tn.Token), credential.Hash(template.SampleAccessToken))
	e.rekey(t, credential.Hash(tn.ProviderKey), credential.Hash(template.SampleProviderKey))
	tn.Token, tn.ProviderKey = template.SampleAccessToken, template.SampleProviderKey
	// The samples of the /stats routes use the same token.
	ctx := context.Background()
	k := credential.TokenKey(template.SampleAccessToken)
	var tok credential.TokenItem
	if err := e.Server.Deps.Store.Get(ctx, k.PK, k.SK, &tok); err != nil {
		t.Fatal(err)
	}
	tok.Scopes = append(tok.Scopes, credential.ScopeStats)
	av, err := attributevalue.MarshalMap(&tok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Server.Deps.Store.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(e.Server.Deps.Store.Entities), Item: av}); err != nil {
		t.Fatal(err)
	}

	create := func(name, path string, form url.Values) int64 {
		t.Helper()
		r := tn.Do(t, "POST", path, form)
		if r.Status != 201 {
			t.Fatalf("seeding %s: POST %s: %d %s", name, path, r.Status, r.Body)
		}
		id := firstID(t, r)
		if name != "" {
			ids[name] = id
		}
		return id
	}
	do := func(method, path string, form url.Values) *Response {
		t.Helper()
		r := tn.Do(t, method, path, form)
		if r.Status/100 != 2 {
			t.Fatalf("seeding: %s %s: %d %s", method, path, r.Status, r.Body)
		}
		return r
	}
	svc := "/admin/api/services/" + S(tn.DefaultService)
	ids["hits"] = tn.MetricID(t, tn.DefaultService, "hits")
	hits := S(ids["hits"])

	// Catalog: a second service to subscribe to, metrics, methods, plans,
	// limits, pricing rules and features.
	create("other_service", "/admin/api/services.json", url.Values{"name": {"Other API"}, "system_name": {"other_api"}})
	create("metric", svc+"/metrics.json", url.Values{"friendly_name": {"Reports"}, "system_name": {"reports"}, "unit": {"report"}})
	create("method", svc+"/metrics/"+hits+"/methods.json", url.Values{"friendly_name": {"Get Book"}, "system_name": {"get_book"}})
	create("plan", svc+"/application_plans.json", url.Values{"name": {"Basic"}, "system_name": {"basic"}, "state_event": {"publish"}})
	create("approval_plan", svc+"/application_plans.json", url.Values{"name": {"Reviewed"}, "system_name": {"reviewed"},
		"state_event": {"publish"}, "approval_required": {"true"}})
	create("other_plan", svc+"/application_plans.json", url.Values{"name": {"Pro"}, "system_name": {"pro"}, "state_event": {"publish"}})
	plan := "/admin/api/application_plans/" + S(ids["plan"])
	create("limit", plan+"/metrics/"+hits+"/limits.json", url.Values{"period": {"day"}, "value": {"10000"}})
	create("pricing_rule", plan+"/metrics/"+hits+"/pricing_rules.json", url.Values{"min": {"1"}, "max": {"1000"}, "cost_per_unit": {"0.01"}})
	create("account_plan", "/admin/api/account_plans.json", url.Values{"name": {"Partner"}, "system_name": {"partner"}, "state_event": {"publish"}})
	create("other_account_plan", "/admin/api/account_plans.json", url.Values{"name": {"Enterprise"}, "system_name": {"enterprise"}, "state_event": {"publish"}})
	create("service_plan", svc+"/service_plans.json", url.Values{"name": {"Standard"}, "system_name": {"standard"}, "state_event": {"publish"}})
	create("other_service_plan", svc+"/service_plans.json", url.Values{"name": {"Premium"}, "system_name": {"premium"}, "state_event": {"publish"}})
	create("other_service_service_plan", "/admin/api/services/"+S(ids["other_service"])+"/service_plans.json",
		url.Values{"name": {"Other Standard"}, "system_name": {"other_standard"}, "state_event": {"publish"}})
	create("account_feature", "/admin/api/features.json", url.Values{"name": {"Priority support"}, "system_name": {"priority_support"}})
	create("other_account_feature", "/admin/api/features.json", url.Values{"name": {"Invoicing"}, "system_name": {"invoicing"}})
	create("feature", svc+"/features.json", url.Values{"name": {"Unlimited greetings"}, "system_name": {"unlimited_greetings"}, "scope": {"application_plan"}})
	create("other_feature", svc+"/features.json", url.Values{"name": {"Webhooks"}, "system_name": {"webhooks"}, "scope": {"application_plan"}})
	create("service_plan_feature", svc+"/features.json", url.Values{"name": {"SLA"}, "system_name": {"sla"}, "scope": {"service_plan"}})
	create("other_service_plan_feature", svc+"/features.json", url.Values{"name": {"Sandbox"}, "system_name": {"sandbox"}, "scope": {"service_plan"}})
	create("", plan+"/features.json", url.Values{"feature_id": {S(ids["feature"])}})
	create("", "/admin/api/account_plans/"+S(ids["account_plan"])+"/features.json", url.Values{"feature_id": {S(ids["account_feature"])}})
	create("", "/admin/api/service_plans/"+S(ids["service_plan"])+"/features.json", url.Values{"feature_id": {S(ids["service_plan_feature"])}})

	// Audience: a developer account with its admin, members, an application
	// with keys and a referrer filter, a subscription, a message and an invitation.
	signup := func(name, org string) int64 {
		t.Helper()
		return create(name, "/admin/api/signup.json", url.Values{"org_name": {org}, "username": {strings.ToLower(strings.Fields(org)[0])},
			"email": {strings.ToLower(strings.Fields(org)[0]) + "@example.com"}, "password": {"a-long-enough-password"}})
	}
	do("PUT", "/admin/api/account_plans/"+S(ids["account_plan"])+"/default.json", nil) // the plan developers sign up to
	signup("account", "Acme Corp")
	acc := "/admin/api/accounts/" + S(ids["account"])
	ids["account_admin"] = firstID(t, do("GET", acc+"/users.json", nil))
	user := func(name, username string) int64 {
		t.Helper()
		return create(name, acc+"/users.json", url.Values{"username": {username}, "email": {username + "@example.com"}, "password": {"a-long-enough-password"}})
	}
	user("user", "alice")
	do("PUT", acc+"/users/"+S(ids["user"])+"/activate.json", nil)
	user("pending_user", "bob")
	user("suspended_user", "carol")
	do("PUT", acc+"/users/"+S(ids["suspended_user"])+"/activate.json", nil)
	do("PUT", acc+"/users/"+S(ids["suspended_user"])+"/suspend.json", nil)
	user("admin_user", "dave")
	do("PUT", acc+"/users/"+S(ids["admin_user"])+"/activate.json", nil)
	do("PUT", acc+"/users/"+S(ids["admin_user"])+"/admin.json", nil)

	app := func(name, appName string, extra url.Values) int64 {
		t.Helper()
		form := url.Values{"plan_id": {S(ids["plan"])}, "name": {appName}, "description": {appName + " of Acme"}}
		for k, v := range extra {
			form[k] = v
		}
		return create(name, acc+"/applications.json", form)
	}
	app("application", "Acme Mobile", url.Values{"user_key": {template.SampleUserKey}})
	apps := acc + "/applications/"
	create("", apps+S(ids["application"])+"/keys.json", url.Values{"key": {template.SampleAppKey}})
	create("", apps+S(ids["application"])+"/referrer_filters.json", url.Values{"referrer_filter": {"*.acme.example.com"}})
	ids["referrer_filter"] = firstID(t, do("GET", apps+S(ids["application"])+"/referrer_filters.json", nil))
	app("pending_application", "Acme Reviewed", url.Values{"plan_id": {S(ids["approval_plan"])}})
	app("suspended_application", "Acme Legacy", nil)
	do("PUT", apps+S(ids["suspended_application"])+"/suspend.json", nil)
	app("customized_application", "Acme Partner", nil)
	do("PUT", apps+S(ids["customized_application"])+"/customize_plan.json", nil)

	ids["service_subscription"] = firstID(t, do("GET", acc+"/service_subscriptions.json", nil))
	create("message", acc+"/messages.json", url.Values{"subject": {"Welcome"}, "body": {"Your account is ready."}})
	r := tn.Do(t, "POST", acc+"/invitations.json", url.Values{"email": {"erin@example.com"}})
	if r.Status != 201 {
		t.Fatalf("seeding the invitation: %d %s", r.Status, r.Body)
	}
	ids["invitation"] = firstID(t, r)
	// The invitation's token travels only in its email: read it from the outbox.
	m := regexp.MustCompile(`Invitation token: ([A-Za-z0-9_-]+)`).FindStringSubmatch(do("GET", "/admin/api/outbox.json", nil).String())
	if m == nil {
		t.Fatal("seeding the invitation: no token in the outbox")
	}
	e.rekey(t, credential.Hash(m[1]), credential.Hash(template.SampleInvitationToken))

	signup("pending_account", "Globex Inc")
	do("PUT", "/admin/api/accounts/"+S(ids["pending_account"])+"/make_pending.json", nil)
	signup("suspended_account", "Initech Ltd")
	do("PUT", "/admin/api/accounts/"+S(ids["suspended_account"])+"/suspend.json", nil)

	create("access_token", "/admin/api/personal/access_tokens.json", url.Values{"name": {"CI"}, "permission": {"ro"}, "scopes[]": {"account_management"}})
	create("service_token", svc+"/service_tokens.json", url.Values{"name": {"Gateway"}, "permission": {"ro"}})
	// An OAuth service with the application of the OAuth samples, a
	// published service to delete, and a subscription awaiting approval.
	create("oauth_service", "/admin/api/services.json", url.Values{"name": {"OAuth API"}, "system_name": {"oauth_api"}, "backend_version": {"oauth"}})
	create("oauth_plan", "/admin/api/services/"+S(ids["oauth_service"])+"/application_plans.json",
		url.Values{"name": {"OAuth Basic"}, "system_name": {"oauth_basic"}, "state_event": {"publish"}})
	app("oauth_application", "Acme Login", url.Values{"plan_id": {S(ids["oauth_plan"])}, "application_id": {template.SampleAppID},
		"redirect_url": {"https://acme.example.com/callback"}})
	create("retired_service", "/admin/api/services.json", url.Values{"name": {"Legacy API"}, "system_name": {"legacy_api"}})
	do("PUT", "/admin/api/services/"+S(ids["retired_service"]), url.Values{"state_event": {"publish"}})
	create("approval_service_plan", "/admin/api/services/"+S(ids["other_service"])+"/service_plans.json",
		url.Values{"name": {"Other Reviewed"}, "system_name": {"other_reviewed"}, "state_event": {"publish"}, "approval_required": {"true"}})
	create("pending_subscription", "/admin/api/accounts/"+S(ids["suspended_account"])+"/service_subscriptions.json",
		url.Values{"plan_id": {S(ids["approval_service_plan"])}})
	// Two more tenants for the Master API: one to schedule for deletion, one
	// already scheduled, to purge.
	ids["other_tenant"] = e.NewTenant(t).ID
	ids["scheduled_tenant"] = e.NewTenant(t).ID
	if r := e.Do(t, "DELETE", "/master/api/providers/"+S(ids["scheduled_tenant"])+".json", url.Values{"access_token": {MasterToken}}); r.Status != 200 {
		t.Fatalf("seeding the tenant scheduled for deletion: %d %s", r.Status, r.Body)
	}
	// A webhook event, for the samples that read and redeliver one: webhooks
	// on for account updates (to a port nothing listens on), then an update.
	do("PUT", "/admin/api/webhooks.json", url.Values{"url": {"http://127.0.0.1:9/hooks"}, "active": {"true"},
		"provider_actions": {"true"}, "account_updated_on": {"true"}})
	do("PUT", acc+".json", url.Values{"org_name": {"Acme Inc"}})
	ids["webhook_event"] = firstID(t, do("GET", "/admin/api/webhooks/events.json", nil))
	// The gateway's samples: the default service's first mapping rule, and
	// its API backend set (the Echo API), which deploys version 1 to the sandbox.
	svc = "/admin/api/services/" + S(ids["service"])
	ids["mapping_rule"] = firstID(t, do("GET", svc+"/proxy/mapping_rules.json", nil))
	// The Echo API answers the gateway sample.
	do("PATCH", svc+"/proxy.json", url.Values{"api_backend": {e.EchoURL}}) // sandbox host api-tenant1-apicast-staging.localhost (events/gateway.json)
	return sm
}

// firstID is the id of the first object of an answer: the created object,
// or the first of a list.
func firstID(t testing.TB, r *Response) int64 {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("not JSON: %s", r.Body)
	}
	var find func(any) (int64, bool)
	find = func(v any) (int64, bool) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["id"].(float64); ok {
				return int64(id), true
			}
			for _, k := range sortedKeys(x) {
				if id, ok := find(x[k]); ok {
					return id, true
				}
			}
		case []any:
			for _, e := range x {
				if id, ok := find(e); ok {
					return id, true
				}
			}
		}
		return 0, false
	}
	id, ok := find(v)
	if !ok {
		t.Fatalf("no id in %s", r.Body)
	}
	return id
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// rekey moves the items keyed by a secret's digest to another secret's
// digest: secrets are random when the operations create them, and the
// samples need known ones.
func (e *Env) rekey(t testing.TB, from, to string) {
	t.Helper()
	ctx := context.Background()
	s := e.Server.Deps.Store
	items, err := scanTable(ctx, s.DB, s.Entities)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, it := range items {
		pk, _ := it["PK"].(*types.AttributeValueMemberS)
		sk, _ := it["SK"].(*types.AttributeValueMemberS)
		if pk == nil || sk == nil || !strings.Contains(pk.Value+sk.Value, from) {
			continue
		}
		copy := map[string]types.AttributeValue{}
		for k, v := range it {
			copy[k] = v
		}
		copy["PK"] = &types.AttributeValueMemberS{Value: strings.ReplaceAll(pk.Value, from, to)}
		copy["SK"] = &types.AttributeValueMemberS{Value: strings.ReplaceAll(sk.Value, from, to)}
		if _, err := s.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.Entities), Item: copy}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.Entities),
			Key: map[string]types.AttributeValue{"PK": pk, "SK": sk}}); err != nil {
			t.Fatal(err)
		}
		moved++
	}
	if moved == 0 {
		t.Fatalf("rekey: no item is keyed by %s", from)
	}
}

func scanTable(ctx context.Context, db *dynamodb.Client, table string) ([]map[string]types.AttributeValue, error) {
	var out []map[string]types.AttributeValue
	p := dynamodb.NewScanPaginator(db, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
	}
	return out, nil
}

// Snapshot is every item of the stack's tables at one moment.
type Snapshot struct {
	e      *Env
	tables map[string]map[string]map[string]types.AttributeValue // table → key → item
	keys   map[string][]string                                   // table → key attributes
}

// Snapshot records the tables, so that Restore can bring them back after an
// operation that changes them (a sample that deletes what another reads).
func (e *Env) Snapshot(t testing.TB) *Snapshot {
	t.Helper()
	ctx := context.Background()
	s := e.Server.Deps.Store
	sn := &Snapshot{e: e, tables: map[string]map[string]map[string]types.AttributeValue{}, keys: map[string][]string{}}
	for _, table := range []string{s.Entities, s.Counters, s.Usage} {
		d, err := s.DB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range d.Table.KeySchema {
			sn.keys[table] = append(sn.keys[table], aws.ToString(k.AttributeName))
		}
		if sn.tables[table], err = sn.scan(ctx, table); err != nil {
			t.Fatal(err)
		}
	}
	return sn
}

func (sn *Snapshot) scan(ctx context.Context, table string) (map[string]map[string]types.AttributeValue, error) {
	items, err := scanTable(ctx, sn.e.Server.Deps.Store.DB, table)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]types.AttributeValue{}
	for _, it := range items {
		var k []string
		for _, a := range sn.keys[table] {
			var v any
			_ = attributevalue.Unmarshal(it[a], &v)
			k = append(k, fmt.Sprint(v))
		}
		out[strings.Join(k, "\x00")] = it
	}
	return out, nil
}

// Restore puts the tables back as they were: it deletes the items added since
// and writes back those changed or deleted. It returns how many it wrote.
func (sn *Snapshot) Restore(t testing.TB) int {
	t.Helper()
	ctx := context.Background()
	db := sn.e.Server.Deps.Store.DB
	n := 0
	for table, was := range sn.tables {
		now, err := sn.scan(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		for k, it := range now {
			if _, ok := was[k]; ok {
				continue
			}
			key := map[string]types.AttributeValue{}
			for _, a := range sn.keys[table] {
				key[a] = it[a]
			}
			if _, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key}); err != nil {
				t.Fatal(err)
			}
			n++
		}
		for k, it := range was {
			if cur, ok := now[k]; ok && sameItem(cur, it) {
				continue
			}
			if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: it}); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return n
}

func sameItem(a, b map[string]types.AttributeValue) bool {
	var x, y map[string]any
	if attributevalue.UnmarshalMap(a, &x) != nil || attributevalue.UnmarshalMap(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
