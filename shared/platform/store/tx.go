package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Tx is one atomic change of a tenant's entities. Commit adds a bump of the
// tenant's configuration version to the same transaction, so every cache of
// that tenant's configuration (the authrep hot path keeps one) sees the change
// on its very next check.
type Tx struct {
	s      *Store
	tenant int64
	items  []types.TransactWriteItem
	fail   []error // per item: the error a failed condition means
	err    error
	after  []func(context.Context) // run once committed (see AfterCommit)
}

// Tx starts a transaction on a tenant's items; tenant 0 means no tenant (no version bump).
func (s *Store) Tx(tenant int64) *Tx { return &Tx{s: s, tenant: tenant} }

// Create puts a new item; if an item with its key exists, Commit returns taken.
func (t *Tx) Create(item any, taken error) *Tx {
	return t.put(item, Absent(), taken)
}

// Put writes an item unconditionally.
func (t *Tx) Put(item any) *Tx { return t.put(item, Cond{}, nil) }

// PutIf writes an item if cond holds on the stored item; else Commit returns failed.
func (t *Tx) PutIf(item any, cond Cond, failed error) *Tx {
	return t.put(item, cond, failed)
}

func (t *Tx) put(item any, cond Cond, fail error) *Tx {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		t.err = errors.Join(t.err, fmt.Errorf("store: encode item: %w", err))
		return t
	}
	b, err := build(cond, nil, Cond{})
	if err != nil {
		t.err = errors.Join(t.err, err)
		return t
	}
	p := &types.Put{TableName: aws.String(t.s.Entities), Item: av, ConditionExpression: b.cond,
		ExpressionAttributeNames: b.names, ExpressionAttributeValues: b.values}
	return t.add(types.TransactWriteItem{Put: p}, fail)
}

// Update applies a change to an existing item (it must exist: otherwise
// Commit returns missing).
func (t *Tx) Update(k Key, ch *Change, missing error) *Tx {
	return t.UpdateIf(k, ch, Exists(), missing)
}

// Upsert applies a change to an item, creating it when it does not exist
// (counters and directories that start from nothing).
func (t *Tx) Upsert(k Key, ch *Change) *Tx { return t.UpdateIf(k, ch, Cond{}, nil) }

// Add adds n to the number attr of an existing item; otherwise Commit returns missing.
func (t *Tx) Add(k Key, attr string, n int64, missing error) *Tx {
	return t.Update(k, NewChange().Add(attr, n), missing)
}

// UpdateIf applies a change when cond holds; else Commit returns failed.
func (t *Tx) UpdateIf(k Key, ch *Change, cond Cond, failed error) *Tx {
	b, err := build(cond, ch, Cond{})
	if err != nil {
		t.err = errors.Join(t.err, err)
		return t
	}
	u := &types.Update{TableName: aws.String(t.s.Entities), Key: KeyOf(k.PK, k.SK), UpdateExpression: b.update,
		ConditionExpression: b.cond, ExpressionAttributeNames: b.names, ExpressionAttributeValues: b.values}
	return t.add(types.TransactWriteItem{Update: u}, failed)
}

// Delete removes an item (no error if it is absent).
func (t *Tx) Delete(pk, sk string) *Tx {
	return t.add(types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(t.s.Entities), Key: KeyOf(pk, sk)}}, nil)
}

// DeleteExisting removes an item that must exist; otherwise Commit returns missing.
func (t *Tx) DeleteExisting(k Key, missing error) *Tx { return t.DeleteIf(k, Exists(), missing) }

// DeleteIf removes an item when cond holds; else Commit returns failed.
func (t *Tx) DeleteIf(k Key, cond Cond, failed error) *Tx {
	b, err := build(cond, nil, Cond{})
	if err != nil {
		t.err = errors.Join(t.err, err)
		return t
	}
	d := &types.Delete{TableName: aws.String(t.s.Entities), Key: KeyOf(k.PK, k.SK), ConditionExpression: b.cond,
		ExpressionAttributeNames: b.names, ExpressionAttributeValues: b.values}
	return t.add(types.TransactWriteItem{Delete: d}, failed)
}

// MustExist makes the transaction depend on another item existing, without
// writing it; otherwise Commit returns missing.
func (t *Tx) MustExist(k Key, missing error) *Tx { return t.Require(k, Exists(), missing) }

// Require makes the transaction depend on cond holding on another item,
// without writing it; otherwise Commit returns failed.
func (t *Tx) Require(k Key, cond Cond, failed error) *Tx {
	b, err := build(cond, nil, Cond{})
	if err != nil {
		t.err = errors.Join(t.err, err)
		return t
	}
	c := &types.ConditionCheck{TableName: aws.String(t.s.Entities), Key: KeyOf(k.PK, k.SK), ConditionExpression: b.cond,
		ExpressionAttributeNames: b.names, ExpressionAttributeValues: b.values}
	return t.add(types.TransactWriteItem{ConditionCheck: c}, failed)
}

func (t *Tx) add(item types.TransactWriteItem, failed error) *Tx {
	t.items = append(t.items, item)
	t.fail = append(t.fail, failed)
	return t
}

// Len is the number of writes so far (DynamoDB allows 100 per transaction).
func (t *Tx) Len() int { return len(t.items) }

// ErrConflict is returned when a condition failed and no specific error was given.
var ErrConflict = errors.New("store: conditional write failed")

// Commit writes everything or nothing. A failed condition returns the error
// registered for that item; transient conflicts are retried.
func (t *Tx) Commit(ctx context.Context) error {
	if t.err != nil {
		return t.err
	}
	if len(t.items) == 0 {
		return nil
	}
	items, fail := t.items, t.fail
	if t.tenant != 0 {
		items = append(items, types.TransactWriteItem{Update: &types.Update{
			TableName:                 aws.String(t.s.Entities),
			Key:                       KeyOf(TenantPK(t.tenant), TenantSK),
			UpdateExpression:          aws.String("ADD cfgver :one"),
			ConditionExpression:       aws.String("attribute_exists(PK)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
		}})
		fail = append(fail, ErrNoTenant)
	}
	in := &dynamodb.TransactWriteItemsInput{TransactItems: items}
	for attempt := 0; ; attempt++ {
		_, err := t.s.DB.TransactWriteItems(ctx, in)
		if err == nil {
			for _, f := range t.after {
				f(ctx)
			}
			return nil
		}
		var tc *types.TransactionCanceledException
		if !errors.As(err, &tc) {
			return fmt.Errorf("store: transaction: %w", err)
		}
		retry := false
		for i, r := range tc.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "ConditionalCheckFailed":
				if i < len(fail) && fail[i] != nil {
					return fail[i]
				}
				return ErrConflict
			case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded":
				retry = true
			}
		}
		if !retry || attempt >= 8 {
			return fmt.Errorf("store: transaction: %w", err)
		}
		if err := Sleep(ctx, time.Duration(5+rand.IntN(20*(attempt+1)))*time.Millisecond); err != nil {
			return fmt.Errorf("store: transaction: %w", err)
		}
	}
}

// ErrNoTenant means the tenant record is gone (deleted mid-request).
var ErrNoTenant = errors.New("store: tenant does not exist")

// Sleep waits d, or less if ctx ends first (then it returns why).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
