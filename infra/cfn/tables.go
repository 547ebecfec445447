package cfn

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// LocalTableName is the name a template table gets outside AWS: "EntitiesTable" → "turnpike-entities".
func LocalTableName(logicalID string) string {
	return "turnpike-" + strings.ToLower(strings.TrimSuffix(logicalID, "Table"))
}

// Tables turns the template's AWS::DynamoDB::Table resources into CreateTable inputs named by LocalTableName.
func (t *Template) Tables() ([]*dynamodb.CreateTableInput, error) {
	names := t.OfType("AWS::DynamoDB::Table")
	sort.Strings(names)
	var out []*dynamodb.CreateTableInput
	for _, name := range names {
		p := t.Resources[name].Properties
		in := &dynamodb.CreateTableInput{TableName: aws.String(LocalTableName(name)), BillingMode: types.BillingModePayPerRequest}
		for _, a := range list(p["AttributeDefinitions"]) {
			m := a.(map[string]any)
			in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
				AttributeName: aws.String(str(m["AttributeName"])), AttributeType: types.ScalarAttributeType(str(m["AttributeType"]))})
		}
		in.KeySchema = keySchema(p["KeySchema"])
		for _, g := range list(p["GlobalSecondaryIndexes"]) {
			m := g.(map[string]any)
			proj, _ := m["Projection"].(map[string]any)
			in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
				IndexName:  aws.String(str(m["IndexName"])),
				KeySchema:  keySchema(m["KeySchema"]),
				Projection: &types.Projection{ProjectionType: types.ProjectionType(str(proj["ProjectionType"]))},
			})
		}
		if spec, ok := p["StreamSpecification"].(map[string]any); ok {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true),
				StreamViewType: types.StreamViewType(str(spec["StreamViewType"]))}
		}
		if len(in.KeySchema) == 0 {
			return nil, fmt.Errorf("cfn: table %s has no KeySchema", name)
		}
		out = append(out, in)
	}
	return out, nil
}

func keySchema(v any) []types.KeySchemaElement {
	var out []types.KeySchemaElement
	for _, k := range list(v) {
		m := k.(map[string]any)
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(str(m["AttributeName"])), KeyType: types.KeyType(str(m["KeyType"]))})
	}
	return out
}

func list(v any) []any { l, _ := v.([]any); return l }
func str(v any) string { s, _ := v.(string); return s }

// CreateTables creates every template table that does not exist yet and waits until all are active.
func CreateTables(ctx context.Context, db *dynamodb.Client, template []byte) error {
	t, err := Parse(template)
	if err != nil {
		return err
	}
	tables, err := t.Tables()
	if err != nil {
		return err
	}
	for _, in := range tables {
		_, err := db.CreateTable(ctx, in)
		var inUse *types.ResourceInUseException
		if err != nil && !errors.As(err, &inUse) {
			return fmt.Errorf("cfn: create table %s: %w", aws.ToString(in.TableName), err)
		}
		w := dynamodb.NewTableExistsWaiter(db, func(o *dynamodb.TableExistsWaiterOptions) { o.MinDelay = 50 * time.Millisecond })
		if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName}, time.Minute); err != nil {
			return fmt.Errorf("cfn: table %s: %w", aws.ToString(in.TableName), err)
		}
		if err := enableStream(ctx, db, in); err != nil {
			return err
		}
	}
	return nil
}

// enableStream turns on the stream the template asks for on a table made
// before the template had it (a local stack kept on disk).
func enableStream(ctx context.Context, db *dynamodb.Client, in *dynamodb.CreateTableInput) error {
	if in.StreamSpecification == nil {
		return nil
	}
	d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName})
	if err != nil {
		return fmt.Errorf("cfn: table %s: %w", aws.ToString(in.TableName), err)
	}
	if s := d.Table.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		return nil
	}
	if _, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: in.TableName, StreamSpecification: in.StreamSpecification}); err != nil {
		return fmt.Errorf("cfn: stream of table %s: %w", aws.ToString(in.TableName), err)
	}
	return nil
}
