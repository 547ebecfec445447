package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Get reads one entity item with a strongly consistent read into out.
// It returns ErrNotFound when the item does not exist.
func (s *Store) Get(ctx context.Context, pk, sk string, out any) error {
	res, err := s.DB.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(s.Entities),
		Key:            KeyOf(pk, sk),
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return fmt.Errorf("store: get %s/%s: %w", pk, sk, err)
	}
	if res.Item == nil {
		return ErrNotFound
	}
	if err := attributevalue.UnmarshalMap(res.Item, out); err != nil {
		return fmt.Errorf("store: decode %s/%s: %w", pk, sk, err)
	}
	return nil
}

// KeyOf builds a primary key attribute map.
func KeyOf(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: pk},
		"SK": &types.AttributeValueMemberS{Value: sk},
	}
}

// NextID draws the next id from a deployment-wide sequence. Ids are unique
// across kinds, like 3scale's numeric ids are unique per table.
func (s *Store) NextID(ctx context.Context) (int64, error) {
	ids, err := s.NextIDs(ctx, 1)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// NextIDs draws n consecutive ids with one write.
func (s *Store) NextIDs(ctx context.Context, n int) ([]int64, error) {
	res, err := s.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.Entities),
		Key:                       KeyOf("#SEQ", "#SEQ"),
		UpdateExpression:          aws.String("ADD #n :one"),
		ExpressionAttributeNames:  map[string]string{"#n": "n"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: strconv.Itoa(n)}},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	if err != nil {
		return nil, fmt.Errorf("store: next id: %w", err)
	}
	var out struct {
		N int64 `dynamodbav:"n"`
	}
	if err := attributevalue.UnmarshalMap(res.Attributes, &out); err != nil {
		return nil, fmt.Errorf("store: decode id: %w", err)
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = out.N - int64(n-1-i)
	}
	return ids, nil
}

// Read reads the item at k like Get: ErrNotFound when it does not exist.
func (s *Store) Read(ctx context.Context, k Key, out any) error { return s.Get(ctx, k.PK, k.SK, out) }
