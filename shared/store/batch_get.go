package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BatchGet reads entity items by key with strongly consistent reads, 100 per
// request, in no particular order; keys that do not exist are left out.
func (s *Store) BatchGet(ctx context.Context, keys []Key) ([]map[string]types.AttributeValue, error) {
	var out []map[string]types.AttributeValue
	for len(keys) > 0 {
		n := min(len(keys), 100)
		req := &types.KeysAndAttributes{ConsistentRead: aws.Bool(true)}
		for _, k := range keys[:n] {
			req.Keys = append(req.Keys, KeyOf(k.PK, k.SK))
		}
		pending := map[string]types.KeysAndAttributes{s.Entities: *req}
		for len(pending) > 0 {
			res, err := s.DB.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: pending})
			if err != nil {
				return nil, fmt.Errorf("store: batch get: %w", err)
			}
			out = append(out, res.Responses[s.Entities]...)
			pending = res.UnprocessedKeys
		}
		keys = keys[n:]
	}
	return out, nil
}
