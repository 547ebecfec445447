package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// change is an update expression over some attributes of an item. Updates
// name the attributes they change instead of putting the whole item, so that
// attributes other writers own (a plan's contracts counter) are never overwritten.
type change struct {
	expr   string
	names  map[string]string
	values map[string]types.AttributeValue
}

// changeOf copies attrs from item: present ones are SET, empty (omitted) ones REMOVEd.
func changeOf(item any, attrs ...string) (change, error) {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return change{}, fmt.Errorf("catalog: encode update: %w", err)
	}
	c := change{names: map[string]string{}, values: map[string]types.AttributeValue{}}
	var set, remove []string
	for i, a := range attrs {
		n := "#a" + strconv.Itoa(i)
		c.names[n] = a
		if v, ok := av[a]; ok {
			c.values[":a"+strconv.Itoa(i)] = v
			set = append(set, n+" = :a"+strconv.Itoa(i))
		} else {
			remove = append(remove, n)
		}
	}
	if len(set) > 0 {
		c.expr = "SET " + strings.Join(set, ", ")
	}
	if len(remove) > 0 {
		c.expr += " REMOVE " + strings.Join(remove, ", ")
	}
	return c, nil
}

// with adds a condition's placeholders to the change's.
func (c change) with(names map[string]string, values map[string]types.AttributeValue) change {
	for k, v := range names {
		c.names[k] = v
	}
	for k, v := range values {
		c.values[k] = v
	}
	return c
}

// apply adds the change to tx for the item at k, which must still exist (else 404).
func (c change) apply(tx *store.Tx, k store.Key) {
	tx.UpdateIf(k.PK, k.SK, c.expr, "attribute_exists(PK)", c.names, nilIfEmpty(c.values), apierr.NotFound())
}

// applyIf adds the change to tx under a condition.
func (c change) applyIf(tx *store.Tx, k store.Key, cond string, failed error) {
	tx.UpdateIf(k.PK, k.SK, c.expr, cond, c.names, nilIfEmpty(c.values), failed)
}

func nilIfEmpty(m map[string]types.AttributeValue) map[string]types.AttributeValue {
	if len(m) == 0 {
		return nil
	}
	return m
}

// str and num build expression values.
func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}
