package authrep

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

// head is what every call reads fresh: the tenant's configuration version and
// state (a tenant suspended or scheduled for deletion is refused at once).
type head struct {
	ver            int64
	state          string
	defaultService int64
}

// The one strongly consistent read of the hot path, projected to what it needs.
var headProjection = aws.String("cfgver, #s, default_service")
var headNames = map[string]string{"#s": "state"}

// readHead reads a tenant's head; found is false when the tenant does not exist.
func readHead(ctx context.Context, d *deps.Deps, tid int64) (h head, found bool, err error) {
	k := tenant.Key(tid)
	res, err := d.Store.DB.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(d.Store.Entities),
		Key: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: k.PK}, "SK": &types.AttributeValueMemberS{Value: k.SK}},
		ConsistentRead:           aws.Bool(true),
		ProjectionExpression:     headProjection,
		ExpressionAttributeNames: headNames,
	})
	if err != nil {
		return head{}, false, fmt.Errorf("authrep: read tenant %d: %w", tid, err)
	}
	if res.Item == nil {
		return head{}, false, nil
	}
	h.ver = numAttr(res.Item["cfgver"])
	h.defaultService = numAttr(res.Item["default_service"])
	if s, ok := res.Item["state"].(*types.AttributeValueMemberS); ok {
		h.state = s.Value
	}
	return h, true, nil
}

func numAttr(v types.AttributeValue) int64 {
	if n, ok := v.(*types.AttributeValueMemberN); ok {
		x, _ := strconv.ParseInt(n.Value, 10, 64)
		return x
	}
	return 0
}

// readHead is the call's read of the tenant's head: the one its caller made
// already for this tenant (CallAt), else a fresh one.
func (c *call) readHead(ctx context.Context, d *deps.Deps, tid int64) (head, bool, error) {
	if c.head != nil && c.head.tenant == tid {
		return c.head.h, c.head.found, nil
	}
	return readHead(ctx, d, tid)
}
