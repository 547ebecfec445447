package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// AfterCommit registers f to run once the transaction has committed (never
// when it fails): work that follows a durable change, such as a fast-path
// notification whose loss something else repairs.
func (t *Tx) AfterCommit(f func(context.Context)) *Tx {
	t.after = append(t.after, f)
	return t
}

// First decodes the first item a query selects (after its filter) into out;
// it reports whether there was one.
func (s *Store) First(ctx context.Context, q Query, out any) (bool, error) {
	in, err := s.input(q)
	if err != nil {
		return false, err
	}
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

// DeleteKeys removes entities by key, outside any transaction: Erase on the
// entities table (bounded retries that honour ctx).
func (s *Store) DeleteKeys(ctx context.Context, keys []Key) error {
	return s.Erase(ctx, EntitiesTable, keys)
}

// Previous decodes into out the item of partition pk whose sort key is the
// greatest one below sk among those starting with prefix; it reports whether
// there is one. One strongly consistent read of at most two items.
func (s *Store) Previous(ctx context.Context, pk, prefix, sk string, out any) (bool, error) {
	res, err := s.DB.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(s.Entities),
		KeyConditionExpression: aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: pk},
			":from": &types.AttributeValueMemberS{Value: prefix}, ":to": &types.AttributeValueMemberS{Value: sk}},
		ScanIndexForward: aws.Bool(false),
		ConsistentRead:   aws.Bool(true),
		Limit:            aws.Int32(2),
	})
	if err != nil {
		return false, fmt.Errorf("store: query %s: %w", pk, err)
	}
	for _, it := range res.Items {
		if v, ok := it["SK"].(*types.AttributeValueMemberS); ok && v.Value != sk {
			return true, attributevalue.UnmarshalMap(it, out)
		}
	}
	return false, nil
}

// AllBelow decodes into out, up to limit items, those of a query on an index
// whose sort key is below before (in sort-key order); q.Prefix is ignored.
func (s *Store) AllBelow(ctx context.Context, q Query, before string, limit int, out any) error {
	q.Prefix = ""
	in, err := s.input(q)
	if err != nil {
		return err
	}
	in.KeyConditionExpression = aws.String(aws.ToString(in.KeyConditionExpression) + " AND #below < :below")
	in.ExpressionAttributeNames["#below"] = "SK"
	if q.Index != "" {
		in.ExpressionAttributeNames["#below"] = q.Index + "SK"
	}
	in.ExpressionAttributeValues[":below"] = &types.AttributeValueMemberS{Value: before}
	var items []map[string]types.AttributeValue
	for len(items) < limit {
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("store: query %s: %w", q.PK, err)
		}
		items = append(items, res.Items...)
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	if len(items) > limit {
		items = items[:limit]
	}
	if err := attributevalue.UnmarshalListOfMaps(items, out); err != nil {
		return fmt.Errorf("store: decode %s: %w", q.PK, err)
	}
	return nil
}
