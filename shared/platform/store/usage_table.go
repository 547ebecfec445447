package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The usage table holds what is written off the hot path (usage history,
// integration errors). Its partitions are read whole or by a sort-key range.

// PutUsage writes an item to the usage table unconditionally (its writers are
// idempotent: a redelivery writes the same item again).
func (s *Store) PutUsage(ctx context.Context, item any) error {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return fmt.Errorf("store: encode usage item: %w", err)
	}
	if _, err := s.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.Usage), Item: av}); err != nil {
		return fmt.Errorf("store: put usage item: %w", err)
	}
	return nil
}

// UsageRange decodes into out (a pointer to a slice) the items of a usage
// partition whose sort keys lie between from and to, inclusive, in order.
func (s *Store) UsageRange(ctx context.Context, pk, from, to string, out any) error {
	kc := expression.Key("PK").Equal(expression.Value(pk)).And(expression.Key("SK").Between(expression.Value(from), expression.Value(to)))
	return s.usageQuery(ctx, kc, true, 0, out)
}

// UsagePartition decodes into out up to limit items (0: all) of a usage
// partition, newest (highest sort key) first when newestFirst.
func (s *Store) UsagePartition(ctx context.Context, pk string, newestFirst bool, limit int, out any) error {
	return s.usageQuery(ctx, expression.Key("PK").Equal(expression.Value(pk)), !newestFirst, limit, out)
}

// UsageRangeItems is UsageRange's items as stored, for items whose
// attributes are named by their data (the history's series).
func (s *Store) UsageRangeItems(ctx context.Context, pk, from, to string) ([]RawItem, error) {
	kc := expression.Key("PK").Equal(expression.Value(pk)).And(expression.Key("SK").Between(expression.Value(from), expression.Value(to)))
	items, err := s.usageItems(ctx, kc, true, 0)
	out := make([]RawItem, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out, err
}

func (s *Store) usageQuery(ctx context.Context, kc expression.KeyConditionBuilder, forward bool, limit int, out any) error {
	items, err := s.usageItems(ctx, kc, forward, limit)
	if err != nil {
		return err
	}
	if err := attributevalue.UnmarshalListOfMaps(items, out); err != nil {
		return fmt.Errorf("store: decode usage items: %w", err)
	}
	return nil
}

func (s *Store) usageItems(ctx context.Context, kc expression.KeyConditionBuilder, forward bool, limit int) ([]map[string]types.AttributeValue, error) {
	e, err := expression.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return nil, fmt.Errorf("store: build usage query: %w", err)
	}
	in := &dynamodb.QueryInput{TableName: aws.String(s.Usage), ConsistentRead: aws.Bool(true), ScanIndexForward: aws.Bool(forward),
		KeyConditionExpression: e.KeyCondition(), ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}
	var items []map[string]types.AttributeValue
	for limit == 0 || len(items) < limit {
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("store: query usage: %w", err)
		}
		items = append(items, res.Items...)
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	if limit > 0 {
		items = items[:min(len(items), limit)]
	}
	return items, nil
}

// DeleteUsagePartition deletes every item of a usage partition, 25 at a time.
func (s *Store) DeleteUsagePartition(ctx context.Context, pk string) error {
	e, err := expression.NewBuilder().WithKeyCondition(expression.Key("PK").Equal(expression.Value(pk))).
		WithProjection(expression.NamesList(expression.Name("PK"), expression.Name("SK"))).Build()
	if err != nil {
		return fmt.Errorf("store: build usage query: %w", err)
	}
	in := &dynamodb.QueryInput{TableName: aws.String(s.Usage), ConsistentRead: aws.Bool(true),
		KeyConditionExpression: e.KeyCondition(), ProjectionExpression: e.Projection(),
		ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}
	for {
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("store: query usage: %w", err)
		}
		for i := 0; i < len(res.Items); i += 25 {
			var reqs []types.WriteRequest
			for _, it := range res.Items[i:min(i+25, len(res.Items))] {
				reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: it}})
			}
			if err := s.deleteUsage(ctx, reqs); err != nil {
				return err
			}
		}
		if res.LastEvaluatedKey == nil {
			return nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

// deleteUsage runs a batch of deletes until DynamoDB has taken them all.
func (s *Store) deleteUsage(ctx context.Context, reqs []types.WriteRequest) error {
	for attempt := 0; len(reqs) > 0; attempt++ {
		if attempt > 8 {
			return fmt.Errorf("store: deleting usage items: %d left unprocessed", len(reqs))
		}
		res, err := s.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.Usage: reqs}})
		if err != nil {
			return err
		}
		reqs = res.UnprocessedItems[s.Usage]
		if len(reqs) > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(10*(attempt+1)) * time.Millisecond):
			}
		}
	}
	return nil
}

// UsageMarker is a transaction item that writes a marker to the usage table,
// expiring at expires, and fails with ConditionalCheckFailed when the marker
// exists: the transaction that carries it happens once.
func (s *Store) UsageMarker(pk, sk string, expires time.Time) types.TransactWriteItem {
	return types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.Usage), ConditionExpression: aws.String("attribute_not_exists(PK)"),
		Item: map[string]types.AttributeValue{
			"PK":  &types.AttributeValueMemberS{Value: pk},
			"SK":  &types.AttributeValueMemberS{Value: sk},
			"ttl": &types.AttributeValueMemberN{Value: strconv.FormatInt(expires.Unix(), 10)},
		}}}
}

// UsageSeries is a transaction item that adds to series of a usage item (sets
// those in sets), each series an attribute named by the caller. Every such
// item names its tenant, so that erasing a tenant finds it through the
// ByTenant index.
func (s *Store) UsageSeries(pk, sk string, tenant int64, adds, sets map[string]int64) (types.TransactWriteItem, error) {
	ub := expression.Set(expression.Name(TenantAttr), expression.Value(TenantValue(tenant)))
	// Names in order: the same request for the same data.
	for _, name := range sortedKeys(sets) {
		ub = ub.Set(expression.Name(name), expression.Value(sets[name]))
	}
	for _, name := range sortedKeys(adds) {
		ub = ub.Add(expression.Name(name), expression.Value(adds[name]))
	}
	e, err := expression.NewBuilder().WithUpdate(ub).Build()
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("store: usage series update: %w", err)
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName:                 aws.String(s.Usage),
		Key:                       KeyOf(pk, sk),
		UpdateExpression:          e.Update(),
		ExpressionAttributeNames:  e.Names(),
		ExpressionAttributeValues: e.Values(),
	}}, nil
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
