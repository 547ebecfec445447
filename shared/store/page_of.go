package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// PageOf decodes page number page (1-based) of perPage items into out, for a
// query whose total is known (counted by Page, or kept by a counter beside
// the items, which spares the counting pass): it walks the keys before the
// page, then reads the page.
func (s *Store) PageOf(ctx context.Context, q Query, page, perPage, total int, out any) error {
	skip := (page - 1) * perPage
	if skip >= total {
		return attributevalue.UnmarshalListOfMaps(nil, out)
	}
	in := s.input(q)
	if skip > 0 {
		// Walk keys only up to the first item of the page.
		keys := s.input(q)
		keys.Select = types.SelectSpecificAttributes
		keys.ProjectionExpression = aws.String("PK, SK")
		for skip > 0 {
			keys.Limit = aws.Int32(int32(min(skip, 5000)))
			res, err := s.DB.Query(ctx, keys)
			if err != nil {
				return fmt.Errorf("store: skip %s: %w", q.PK, err)
			}
			skip -= int(res.Count)
			if res.LastEvaluatedKey == nil {
				return attributevalue.UnmarshalListOfMaps(nil, out)
			}
			keys.ExclusiveStartKey = res.LastEvaluatedKey
		}
		in.ExclusiveStartKey = keys.ExclusiveStartKey
	}
	var items []map[string]types.AttributeValue
	for len(items) < perPage {
		in.Limit = aws.Int32(int32(perPage - len(items)))
		res, err := s.DB.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("store: page %s: %w", q.PK, err)
		}
		items = append(items, res.Items...)
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return attributevalue.UnmarshalListOfMaps(items, out)
}
