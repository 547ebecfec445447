package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Decide records state as the outcome named by pk in the usage table, unless
// an outcome is recorded already, and returns the outcome that holds: the
// first recorded wins, whoever records it. Two parties that cannot otherwise
// agree (a sender that lost the answer to its send and a consumer that may
// have received it) settle on one outcome this way. The item names its tenant,
// so erasing the tenant erases it, and expires at ttl.
func (s *Store) Decide(ctx context.Context, tenant int64, pk, state string, ttl time.Time) (string, error) {
	b, err := build(Absent(), nil, Cond{})
	if err != nil {
		return "", err
	}
	_, err = s.DB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.Usage),
		Item: map[string]types.AttributeValue{
			"PK":       &types.AttributeValueMemberS{Value: pk},
			"SK":       &types.AttributeValueMemberS{Value: "0"},
			"state":    &types.AttributeValueMemberS{Value: state},
			TenantAttr: TenantValue(tenant),
			"ttl":      &types.AttributeValueMemberN{Value: strconv.FormatInt(ttl.Unix(), 10)},
		},
		ConditionExpression:                 b.cond,
		ExpressionAttributeNames:            b.names,
		ExpressionAttributeValues:           b.values,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	switch {
	case err == nil:
		return state, nil
	case errors.As(err, &ccf):
		if v, ok := ccf.Item["state"].(*types.AttributeValueMemberS); ok {
			return v.Value, nil
		}
		return "", fmt.Errorf("store: outcome %s recorded without a state", pk)
	}
	return "", fmt.Errorf("store: decide %s: %w", pk, err)
}
