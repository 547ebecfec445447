package testenv

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// SeedCatalog writes n metrics and n application plans of a service straight
// into the table with BatchWriteItem (fast, for tests and benchmarks of large
// lists), with the directories that list them. The items carry no
// uniqueness claims: they are for reading. It returns the metric and plan ids.
func (tn *Tenant) SeedCatalog(t testing.TB, svc int64, n int) (metrics, plans []int64) {
	t.Helper()
	ctx := context.Background()
	s := tn.e.Server.Deps.Store
	ids, err := s.NextIDs(ctx, 2*n)
	if err != nil {
		t.Fatal(err)
	}
	metrics, plans = ids[:n], ids[n:]
	now := time.Now().UTC()
	var reqs []types.WriteRequest
	put := func(it any) {
		av, err := attributevalue.MarshalMap(it)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: av}})
	}
	for i := 0; i < n; i++ {
		put(&catalog.Metric{Key: catalog.MetricKey(tn.ID, svc, metrics[i]), ID: metrics[i], Service: svc,
			SystemName: "m" + strconv.Itoa(i), FriendlyName: "Metric " + strconv.Itoa(i), Unit: "hit", CreatedAt: now, UpdatedAt: now})
		put(&catalog.Plan{Key: catalog.PlanKey(tn.ID, plans[i]), ID: plans[i], Type: catalog.ApplicationPlan, Service: svc,
			Name: "Plan " + strconv.Itoa(i), SystemName: "p" + strconv.Itoa(i), State: "published", CreatedAt: now, UpdatedAt: now,
			Index: store.Index{GSI1PK: catalog.PlansOf(tn.ID, svc, catalog.ApplicationPlan), GSI1SK: store.ID(plans[i]),
				GSI2PK: catalog.AllPlansOf(tn.ID, catalog.ApplicationPlan), GSI2SK: store.ID(plans[i])}})
	}
	for len(reqs) > 0 {
		k := min(25, len(reqs))
		pending := map[string][]types.WriteRequest{s.Entities: reqs[:k]}
		for len(pending) > 0 {
			out, err := s.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
			if err != nil {
				t.Fatal(err)
			}
			pending = out.UnprocessedItems
		}
		reqs = reqs[k:]
	}
	// The directories may already hold ids (the service's hits): add to them.
	chunks := catalog.DirChunks(tn.ID, catalog.MetricsDir(svc), metrics)
	for _, dir := range []string{catalog.PlansDir(svc, catalog.ApplicationPlan), catalog.PlansDir(0, catalog.ApplicationPlan)} {
		chunks = append(chunks, catalog.DirChunks(tn.ID, dir, plans)...)
	}
	for _, c := range chunks {
		err := s.Tx(tn.ID).Upsert(c.Key, store.NewChange().Add("n", c.N).AddIDs("ids", c.IDs...)).Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
	}
	return metrics, plans
}
