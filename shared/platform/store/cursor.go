package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Cursor is where a page of a Query starts (DynamoDB's ExclusiveStartKey);
// nil is the beginning.
type Cursor map[string]types.AttributeValue

// PageAt decodes up to perPage items from cursor on into out, with as few
// Query calls as DynamoDB allows (one, unless a page exceeds 1 MB), and
// returns the cursor after them (nil when the collection ended).
func (s *Store) PageAt(ctx context.Context, q Query, from Cursor, perPage int, out any) (Cursor, error) {
	in, err := s.input(q)
	if err != nil {
		return nil, err
	}
	in.ExclusiveStartKey = from
	var items []map[string]types.AttributeValue
	for len(items) < perPage {
		in.Limit = aws.Int32(int32(perPage - len(items)))
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("store: page %s: %w", q.PK, err)
		}
		items = append(items, res.Items...)
		in.ExclusiveStartKey = res.LastEvaluatedKey
		if res.LastEvaluatedKey == nil {
			break
		}
	}
	if err := attributevalue.UnmarshalListOfMaps(items, out); err != nil {
		return nil, fmt.Errorf("store: decode %s: %w", q.PK, err)
	}
	return in.ExclusiveStartKey, nil
}

// Skip walks past the first n items, reading keys only, and returns the
// cursor after them; false when the collection has n items or fewer.
func (s *Store) Skip(ctx context.Context, q Query, n int) (Cursor, bool, error) {
	in, err := s.input(q)
	if err != nil {
		return nil, false, err
	}
	in.Select = types.SelectSpecificAttributes
	in.ProjectionExpression = aws.String("PK, SK")
	for n > 0 {
		in.Limit = aws.Int32(int32(min(n, 5000)))
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return nil, false, fmt.Errorf("store: skip %s: %w", q.PK, err)
		}
		n -= int(res.Count)
		if res.LastEvaluatedKey == nil {
			return nil, false, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return in.ExclusiveStartKey, true, nil
}
