package counter

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Pending is Add's write as one item of a transaction.
type Pending struct {
	Update *types.Update
	item   string
	stamps map[string]int64
}

// AddUpdate builds what Add would write, for a transaction that applies it
// together with other items, with hist (if not empty) recorded for the usage
// history as Apply does; nil when there is no history and every op belongs to
// a period the counter has already left. A failed condition on it is handed
// to Learn before building it again.
func (e *Engine) AddUpdate(item string, at time.Time, ops []Op, hist string) *Pending {
	live := e.current(item, at, ops)
	if len(live) == 0 && hist == "" {
		return nil
	}
	in, stamps := e.update(item, at, live, false, hist)
	return &Pending{item: item, stamps: stamps, Update: &types.Update{
		TableName:                           in.TableName,
		Key:                                 in.Key,
		UpdateExpression:                    in.UpdateExpression,
		ConditionExpression:                 in.ConditionExpression,
		ExpressionAttributeNames:            in.ExpressionAttributeNames,
		ExpressionAttributeValues:           in.ExpressionAttributeValues,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	}}
}

// Done records the stamps a committed AddUpdate left.
func (e *Engine) Done(p *Pending) { e.merge(p.item, p.stamps) }

// Learn records the stored item a failed condition returned.
func (e *Engine) Learn(item string, attrs map[string]types.AttributeValue, ops []Op) {
	e.remember(item, attrs, ops)
}

// ItemKey is the key attribute of a counter item, for transactions.
func (e *Engine) ItemKey(item string) map[string]types.AttributeValue { return e.key(item) }

// Refresh reads a counter item to learn its stamps (after a failed condition).
func (e *Engine) Refresh(ctx context.Context, item string, ops []Op) error {
	res, err := e.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &e.Table, Key: e.key(item), ConsistentRead: &yes})
	if err != nil {
		return fmt.Errorf("counter: read %s: %w", item, err)
	}
	e.remember(item, res.Item, ops)
	return nil
}

var yes = true
