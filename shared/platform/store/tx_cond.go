package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// PutCond writes an item if cond (built with the SDK's expression builder)
// holds on the stored item; else Commit returns failed.
func (t *Tx) PutCond(item any, cond expression.ConditionBuilder, failed error) *Tx {
	e, err := expression.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		t.err = fmt.Errorf("store: build condition: %w", err)
		return t
	}
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		t.err = fmt.Errorf("store: encode item: %w", err)
		return t
	}
	t.items = append(t.items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(t.s.Entities), Item: av,
		ConditionExpression: e.Condition(), ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}})
	t.fail = append(t.fail, failed)
	return t
}

// AfterCommit registers f to run once the transaction has committed (never
// when it fails): work that follows a durable change, such as a fast-path
// notification whose loss something else repairs.
func (t *Tx) AfterCommit(f func(context.Context)) *Tx {
	t.after = append(t.after, f)
	return t
}

// Filtered selects a query's items by a filter built with the expression
// builder; the query's own Filter, Names and Values are replaced.
func Filtered(q Query, filter expression.ConditionBuilder) (Query, error) {
	e, err := expression.NewBuilder().WithFilter(filter).Build()
	if err != nil {
		return q, fmt.Errorf("store: build filter: %w", err)
	}
	q.Filter, q.Names, q.Values = aws.ToString(e.Filter()), e.Names(), e.Values()
	return q, nil
}

// First decodes the first item a query selects (after its filter) into out;
// it reports whether there was one.
func (s *Store) First(ctx context.Context, q Query, out any) (bool, error) {
	in := s.input(q)
	for {
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return false, fmt.Errorf("store: query %s: %w", q.PK, err)
		}
		if len(res.Items) > 0 {
			return true, attributevalue.UnmarshalMap(res.Items[0], out)
		}
		if res.LastEvaluatedKey == nil {
			return false, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

// DeleteKeys removes items by key, outside any transaction (25 per request).
func (s *Store) DeleteKeys(ctx context.Context, keys []Key) error {
	for len(keys) > 0 {
		n := min(len(keys), 25)
		reqs := make([]types.WriteRequest, n)
		for i, k := range keys[:n] {
			reqs[i] = types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: KeyOf(k.PK, k.SK)}}
		}
		pending := map[string][]types.WriteRequest{s.Entities: reqs}
		for len(pending) > 0 {
			res, err := s.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
			if err != nil {
				return fmt.Errorf("store: delete: %w", err)
			}
			pending = res.UnprocessedItems
		}
		keys = keys[n:]
	}
	return nil
}
