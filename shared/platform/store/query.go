package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Query selects the items of one partition (of the table or of an index)
// whose sort key starts with Prefix, in sort-key order.
type Query struct {
	Index  string // "" = table, else GSI1/GSI2
	PK     string
	Prefix string
	Filter Cond // optional: applied after the key range
}

func (s *Store) input(q Query) (*dynamodb.QueryInput, error) {
	var filter *string
	pkName, skName := "PK", "SK"
	if q.Index != "" {
		pkName, skName = q.Index+"PK", q.Index+"SK"
	}
	names := map[string]string{"#pk": pkName}
	values := map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: q.PK}}
	cond := "#pk = :pk"
	if q.Prefix != "" {
		names["#sk"] = skName
		values[":prefix"] = &types.AttributeValueMemberS{Value: q.Prefix}
		cond += " AND begins_with(#sk, :prefix)"
	}
	if q.Filter.set() {
		// The filter's placeholders (#0, :0, ...) never meet the key's (#pk, :pk, ...).
		b, err := build(Cond{}, nil, q.Filter)
		if err != nil {
			return nil, err
		}
		for k, v := range b.names {
			names[k] = v
		}
		for k, v := range b.values {
			values[k] = v
		}
		filter = b.filter
	}
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.Entities),
		KeyConditionExpression:    aws.String(cond),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
	}
	if q.Index != "" {
		in.IndexName = aws.String(q.Index)
	} else {
		in.ConsistentRead = aws.Bool(true)
	}
	in.FilterExpression = filter
	return in, nil
}

// All decodes every item the query selects into out (a pointer to a slice).
// For bounded collections only (a service's metrics, a plan's limits).
func (s *Store) All(ctx context.Context, q Query, out any) error {
	in, err := s.input(q)
	if err != nil {
		return err
	}
	var items []map[string]types.AttributeValue
	for {
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
	if err := attributevalue.UnmarshalListOfMaps(items, out); err != nil {
		return fmt.Errorf("store: decode %s: %w", q.PK, err)
	}
	return nil
}

// Page decodes page number page (1-based) of perPage items into out and
// returns the total number of items. Counting and skipping read keys only;
// the page itself is one more Query.
func (s *Store) Page(ctx context.Context, q Query, page, perPage int, out any) (total int, err error) {
	in, err := s.input(q)
	if err != nil {
		return 0, err
	}
	in.Select = types.SelectCount
	for {
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return 0, fmt.Errorf("store: count %s: %w", q.PK, err)
		}
		total += int(res.Count)
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return total, s.PageOf(ctx, q, page, perPage, total, out)
}
