package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// What erasing a tenant needs: its items are found by key, never by a Scan,
// so the cost of erasing grows with the tenant, not with the tables.

// UsageByTenant is the Usage table's index of every item by its tenant
// (attribute TenantAttr); it lets a tenant's history be erased without a Scan.
const (
	UsageByTenant = "ByTenant"
	TenantAttr    = "tenant"
)

// RawItem is an item as DynamoDB returns it.
type RawItem map[string]types.AttributeValue

// Items reads up to n raw items of a partition of the entities table, from
// cursor on, and returns the cursor after them (nil at the end).
func (s *Store) Items(ctx context.Context, pk string, from Cursor, n int) ([]RawItem, Cursor, error) {
	in, err := s.input(Query{PK: pk})
	if err != nil {
		return nil, nil, err
	}
	in.ExclusiveStartKey = from
	in.Limit = aws.Int32(int32(n))
	res, err := s.DB.Query(ctx, in)
	if err != nil {
		return nil, nil, fmt.Errorf("store: items of %s: %w", pk, err)
	}
	out := make([]RawItem, len(res.Items))
	for i, it := range res.Items {
		out[i] = it
	}
	return out, res.LastEvaluatedKey, nil
}

// UsageKeys reads up to n keys of the usage table's items of a tenant, from
// cursor on (the index is eventually consistent: a later call may still list
// a key just deleted, and deleting it again is harmless).
func (s *Store) UsageKeys(ctx context.Context, tenant int64, from Cursor, n int) ([]Key, Cursor, error) {
	res, err := s.DB.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(s.Usage),
		IndexName:                 aws.String(UsageByTenant),
		KeyConditionExpression:    aws.String("#t = :t"),
		ExpressionAttributeNames:  map[string]string{"#t": TenantAttr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":t": TenantValue(tenant)},
		ExclusiveStartKey:         from,
		Limit:                     aws.Int32(int32(n)),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: usage keys of tenant %d: %w", tenant, err)
	}
	keys := make([]Key, 0, len(res.Items))
	for _, it := range res.Items {
		keys = append(keys, Key{PK: RawItem(it).Str("PK"), SK: RawItem(it).Str("SK")})
	}
	return keys, res.LastEvaluatedKey, nil
}

// TenantValue is the value of TenantAttr on a tenant's usage items.
func TenantValue(tenant int64) types.AttributeValue {
	return &types.AttributeValueMemberS{Value: TenantPK(tenant)}
}

// Str reads a string attribute ("" when absent).
func (it RawItem) Str(name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// Num reads a number attribute (0 when absent).
func (it RawItem) Num(name string) int64 {
	if v, ok := it[name].(*types.AttributeValueMemberN); ok {
		n, _ := strconv.ParseInt(v.Value, 10, 64)
		return n
	}
	return 0
}

// Table names one of the store's tables.
type Table int

const (
	EntitiesTable Table = iota
	UsageTable
	CountersTable
)

func (s *Store) table(t Table) string {
	switch t {
	case UsageTable:
		return s.Usage
	case CountersTable:
		return s.Counters
	}
	return s.Entities
}

// Erase deletes items by key from a table with BatchWriteItem (25 at a time),
// retrying what DynamoDB leaves unprocessed. Deleting an absent item is no
// error, so an interrupted erase can simply be run again. Keys of the counters
// table are given as their PK (its only key attribute is C).
func (s *Store) Erase(ctx context.Context, t Table, keys []Key) error {
	for len(keys) > 0 {
		n := min(len(keys), 25)
		reqs := make([]types.WriteRequest, 0, n)
		for _, k := range keys[:n] {
			key := KeyOf(k.PK, k.SK)
			if t == CountersTable {
				key = map[string]types.AttributeValue{"C": &types.AttributeValueMemberS{Value: k.PK}}
			}
			reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key}})
		}
		pending := map[string][]types.WriteRequest{s.table(t): reqs}
		for attempt := 0; len(pending) > 0; attempt++ {
			if attempt > 10 {
				return fmt.Errorf("store: erase: unprocessed deletes remain")
			}
			if attempt > 0 {
				if err := Sleep(ctx, time.Duration(10*attempt)*time.Millisecond); err != nil {
					return err
				}
			}
			res, err := s.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
			if err != nil {
				return fmt.Errorf("store: erase: %w", err)
			}
			pending = res.UnprocessedItems
		}
		keys = keys[n:]
	}
	return nil
}
