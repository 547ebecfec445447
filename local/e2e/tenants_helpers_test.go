package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/store"
)

// master sends a Master API request with the master access token.
func master(t testing.TB, env *testenv.Env, method, path string, form url.Values) *testenv.Response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("access_token", testenv.MasterToken)
	return env.Do(t, method, path, form)
}

// tenantOf reads a tenant through the Master API.
func tenantOf(t testing.TB, env *testenv.Env, id int64) map[string]any {
	t.Helper()
	r := master(t, env, "GET", "/master/api/providers/"+testenv.S(id)+".json", nil)
	status(t, r, 200)
	return obj(t, r, "signup", "account")
}

// tenantEvent fires a state_event on a tenant and expects the status code.
func tenantEvent(t testing.TB, env *testenv.Env, id int64, event string, code int) map[string]any {
	t.Helper()
	r := master(t, env, "PUT", "/master/api/providers/"+testenv.S(id)+".json", url.Values{"state_event": {event}})
	status(t, r, code)
	if code != 200 {
		return nil
	}
	return obj(t, r, "signup", "account")
}

// tableItems reads every item of every table that belongs to a tenant, as
// sorted JSON lines per table. A test may Scan; the purge never does. The
// purge audit records are the master's and are left out.
func tableItems(t testing.TB, env *testenv.Env, tenant int64) map[string][]string {
	t.Helper()
	s := env.Server.Deps.Store
	tpk := store.TenantPK(tenant)
	mine := func(table string, it map[string]any) bool {
		pk, _ := it["PK"].(string)
		if pk == "#PURGED" {
			return false
		}
		if table == s.Counters {
			c, _ := it["C"].(string)
			return strings.HasPrefix(c, testenv.S(tenant)+"#")
		}
		if pk == tpk || strings.HasPrefix(pk, tpk+"#") {
			return true
		}
		switch v := it["tenant"].(type) {
		case float64:
			return int64(v) == tenant
		case string:
			return v == tpk
		}
		return false
	}
	out := map[string][]string{}
	for _, table := range []string{s.Entities, s.Counters, s.Usage} {
		p := dynamodb.NewScanPaginator(s.DB, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
		for p.HasMorePages() {
			page, err := p.NextPage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var items []map[string]any
			if err := attributevalue.UnmarshalListOfMaps(page.Items, &items); err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if mine(table, it) {
					b, _ := json.Marshal(it)
					out[table] = append(out[table], string(b))
				}
			}
		}
		sort.Strings(out[table])
	}
	return out
}

func countItems(m map[string][]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}
