package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Projection names the attributes a read returns. Build it once (a package
// variable) for a read on the hot path: the expression is built here, not per call.
type Projection struct {
	expr  *string
	names map[string]string
}

// Project is the projection of attrs; it panics on an empty list (a programming error).
func Project(attrs ...string) Projection {
	if len(attrs) == 0 {
		panic("store: a projection names at least one attribute")
	}
	nb := make([]expression.NameBuilder, len(attrs))
	for i, a := range attrs {
		nb[i] = name(a)
	}
	e, err := expression.NewBuilder().WithProjection(expression.NamesList(nb[0], nb[1:]...)).Build()
	if err != nil {
		panic("store: projection: " + err.Error())
	}
	return Projection{expr: e.Projection(), names: e.Names()}
}

// ReadProjected reads only the projected attributes of the item at k, with a
// strongly consistent read, into out: ErrNotFound when it does not exist.
func (s *Store) ReadProjected(ctx context.Context, k Key, p Projection, out any) error {
	it, err := s.ReadProjectedRaw(ctx, k, p)
	if err != nil {
		return err
	}
	if err := attributevalue.UnmarshalMap(it, out); err != nil {
		return fmt.Errorf("store: decode %s/%s: %w", k.PK, k.SK, err)
	}
	return nil
}

// ReadProjectedRaw is ReadProjected returning the attributes as they are, for
// a caller on the hot path that reads a few of them without reflection.
func (s *Store) ReadProjectedRaw(ctx context.Context, k Key, p Projection) (RawItem, error) {
	res, err := s.DB.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:                aws.String(s.Entities),
		Key:                      KeyOf(k.PK, k.SK),
		ConsistentRead:           aws.Bool(true),
		ProjectionExpression:     p.expr,
		ExpressionAttributeNames: p.names,
	})
	if err != nil {
		return nil, fmt.Errorf("store: get %s/%s: %w", k.PK, k.SK, err)
	}
	if res.Item == nil {
		return nil, ErrNotFound
	}
	return res.Item, nil
}
