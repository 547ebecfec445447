package e2e

import (
	"context"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/counter"
)

// Deleting an application, alone or with its account, deletes its counter
// item too: nothing is left in the counters table for an application gone.
func TestDeletedApplicationsLeaveNoCounters(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	s := env.Server.Deps.Store
	exists := func(app int64) bool {
		t.Helper()
		res, err := s.DB.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(s.Counters), ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"C": &types.AttributeValueMemberS{Value: counter.Key(tn.ID, app)}}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Item != nil
	}
	count := func(app *testenv.App, userKey string) {
		t.Helper()
		r := env.Do(t, "GET", "/transactions/authrep.xml", url.Values{"provider_key": {tn.ProviderKey},
			"service_id": {testenv.S(app.Service)}, "user_key": {userKey}, "usage[hits]": {"1"}})
		if r.Status != 200 {
			t.Fatalf("authrep: %d %s", r.Status, r.Body)
		}
	}
	alone := tn.NewApp(t, map[string]int64{"day": 100})
	count(alone, alone.UserKey)
	if !exists(alone.ID) {
		t.Fatal("no counter item after an authrep")
	}
	status(t, tn.Do(t, "DELETE", "/admin/api/accounts/"+testenv.S(alone.Account)+"/applications/"+testenv.S(alone.ID)+".json", nil), 200)
	if exists(alone.ID) {
		t.Error("the deleted application's counter item is left")
	}

	first := tn.NewApp(t, map[string]int64{"day": 100})
	second := tn.Create(t, "/admin/api/accounts/"+testenv.S(first.Account)+"/applications.json", "application",
		url.Values{"plan_id": {testenv.S(first.Plan)}, "name": {"second"}})
	count(first, first.UserKey)
	count(first, second["user_key"].(string))
	ids := []int64{first.ID, testenv.ID(t, second)}
	for _, id := range ids {
		if !exists(id) {
			t.Fatalf("no counter item for application %d", id)
		}
	}
	status(t, tn.Do(t, "DELETE", "/admin/api/accounts/"+testenv.S(first.Account)+".json", nil), 200)
	for _, id := range ids {
		if exists(id) {
			t.Errorf("application %d of the deleted account left its counter item", id)
		}
	}
}
