package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// GetMany reads items by key with strongly consistent BatchGetItem calls
// (100 keys each, a few at a time) and decodes the ones that exist into out
// (a pointer to a slice), in no particular order. Duplicate keys are read once.
// An out of *[]map[string]types.AttributeValue receives the raw items, for
// keys of several kinds.
func (s *Store) GetMany(ctx context.Context, keys []Key, out any) error {
	seen := map[Key]bool{}
	var uniq []Key
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
		}
	}
	var batches [][]Key
	for len(uniq) > 0 {
		n := min(len(uniq), 100)
		batches = append(batches, uniq[:n])
		uniq = uniq[n:]
	}
	results := make([][]map[string]types.AttributeValue, len(batches))
	errs := make([]error, len(batches))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, b := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i], errs[i] = s.batchGet(ctx, b)
		}()
	}
	wg.Wait()
	var items []map[string]types.AttributeValue
	for i := range batches {
		if errs[i] != nil {
			return errs[i]
		}
		items = append(items, results[i]...)
	}
	if raw, ok := out.(*[]map[string]types.AttributeValue); ok {
		*raw = items
		return nil
	}
	if err := attributevalue.UnmarshalListOfMaps(items, out); err != nil {
		return fmt.Errorf("store: decode batch: %w", err)
	}
	return nil
}

func (s *Store) batchGet(ctx context.Context, keys []Key) ([]map[string]types.AttributeValue, error) {
	req := make([]map[string]types.AttributeValue, len(keys))
	for i, k := range keys {
		req[i] = KeyOf(k.PK, k.SK)
	}
	var items []map[string]types.AttributeValue
	pending := map[string]types.KeysAndAttributes{s.Entities: {Keys: req, ConsistentRead: aws.Bool(true)}}
	for attempt := 0; len(pending) > 0; attempt++ {
		if attempt > 10 {
			return nil, fmt.Errorf("store: batch get: unprocessed keys remain")
		}
		res, err := s.DB.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: pending})
		if err != nil {
			return nil, fmt.Errorf("store: batch get: %w", err)
		}
		items = append(items, res.Responses[s.Entities]...)
		if pending = res.UnprocessedKeys; len(pending) > 0 {
			if err := Sleep(ctx, time.Duration(10*(attempt+1))*time.Millisecond); err != nil { // throttled: back off
				return nil, fmt.Errorf("store: batch get: %w", err)
			}
		}
	}
	return items, nil
}
