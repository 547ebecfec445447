package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
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
	from, ok, err := s.Skip(ctx, q, skip)
	if err != nil {
		return err
	}
	if !ok {
		return attributevalue.UnmarshalListOfMaps(nil, out)
	}
	_, err = s.PageAt(ctx, q, from, perPage, out)
	return err
}
