package usage

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/admin/api"
	"turnpike/shared/admin/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ErrorTTL is how long integration errors are kept.
const ErrorTTL = 30 * 24 * time.Hour

// MaxErrors is how many integration errors a service lists, newest first (3scale keeps 1000).
const MaxErrors = 1000

func errorsPK(tenant, service int64) string {
	return "T#" + strconv.FormatInt(tenant, 10) + "#ERR#" + strconv.FormatInt(service, 10)
}

// recordError keeps why a batch was dropped; keyed by the message, so a
// redelivery writes the same item again.
func recordError(ctx context.Context, d *deps.Deps, r *Report, msgID string, ie *integrationError) error {
	at := time.UnixMilli(r.Received).UTC()
	_, err := d.Store.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(d.Store.Usage), Item: map[string]types.AttributeValue{
		"PK":      &types.AttributeValueMemberS{Value: errorsPK(r.Tenant, r.Service)},
		"SK":      &types.AttributeValueMemberS{Value: fmt.Sprintf("%015d#%s", r.Received, msgID)},
		"code":    &types.AttributeValueMemberS{Value: ie.code},
		"message": &types.AttributeValueMemberS{Value: ie.message},
		"at":      &types.AttributeValueMemberS{Value: at.Format(time.RFC3339)},
		"ttl":     &types.AttributeValueMemberN{Value: strconv.FormatInt(at.Add(ErrorTTL).Unix(), 10)},
	}})
	if err != nil {
		return fmt.Errorf("usage: record error: %w", err)
	}
	return nil
}

// ListErrors is GET /admin/api/services/{service_id}/errors: the integration
// errors of the service's reports, newest first (3scale shows them in its
// admin portal; its backend's internal API has the same list).
func ListErrors(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		in, err := errorsQuery(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in.ScanIndexForward = aws.Bool(false)
		page, _, err := q.Int("page", 1)
		if err != nil {
			return api.Result{}, err
		}
		perPage, _, err := q.Int("per_page", 100)
		if err != nil {
			return api.Result{}, err
		}
		page, perPage = max(page, 1), min(max(perPage, 1), 500)
		var items []map[string]types.AttributeValue
		for len(items) < MaxErrors {
			res, err := d.Store.DB.Query(ctx, in)
			if err != nil {
				return api.Result{}, err
			}
			items = append(items, res.Items...)
			if res.LastEvaluatedKey == nil {
				break
			}
			in.ExclusiveStartKey = res.LastEvaluatedKey
		}
		items = items[:min(len(items), MaxErrors)]
		list := &wire.List{Name: "errors", Page: &wire.Page{Number: int(page), PerPage: int(perPage), Total: len(items)}}
		// Any page number is taken: past the kept errors every page is empty
		// (bounded before multiplying, so a huge page cannot overflow).
		from := int((min(page, MaxErrors+1) - 1) * perPage)
		for i := from; i < len(items) && i < from+int(perPage); i++ {
			it := items[i]
			list.Items = append(list.Items, wire.NewObj("error").
				Set("code", attr(it, "code")).
				Set("message", attr(it, "message")).
				Set("timestamp", rubyTime(attr(it, "at"))))
		}
		return api.Listed(list), nil
	})
}

// errorsQuery selects the integration errors of the service in the path (404 if it is not the tenant's).
func errorsQuery(ctx context.Context, d *deps.Deps, q *api.Request) (*dynamodb.QueryInput, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return nil, err
	}
	if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), sid); err != nil {
		return nil, err
	}
	return &dynamodb.QueryInput{TableName: aws.String(d.Store.Usage), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: errorsPK(q.Tenant(), sid)}},
		ConsistentRead:            aws.Bool(true)}, nil
}

// rubyTime renders a stored time as 3scale's backend does (Ruby's Time#to_s in UTC).
func rubyTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func attr(it map[string]types.AttributeValue, k string) string {
	if s, ok := it[k].(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// DeleteErrors is DELETE /admin/api/services/{service_id}/errors: forget the
// service's integration errors (3scale's backend offers the same).
func DeleteErrors(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		in, err := errorsQuery(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		in.ProjectionExpression = aws.String("PK, SK")
		for {
			res, err := d.Store.DB.Query(ctx, in)
			if err != nil {
				return api.Result{}, err
			}
			for i := 0; i < len(res.Items); i += 25 {
				var reqs []types.WriteRequest
				for _, it := range res.Items[i:min(i+25, len(res.Items))] {
					reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: it}})
				}
				if err := deleteAll(ctx, d, reqs); err != nil {
					return api.Result{}, err
				}
			}
			if res.LastEvaluatedKey == nil {
				return api.Deleted(), nil
			}
			in.ExclusiveStartKey = res.LastEvaluatedKey
		}
	})
}

// deleteAll runs a batch of deletes until DynamoDB has taken them all.
func deleteAll(ctx context.Context, d *deps.Deps, reqs []types.WriteRequest) error {
	for attempt := 0; len(reqs) > 0; attempt++ {
		if attempt > 8 {
			return fmt.Errorf("usage: deleting errors: %d left unprocessed", len(reqs))
		}
		res, err := d.Store.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{d.Store.Usage: reqs}})
		if err != nil {
			return err
		}
		reqs = res.UnprocessedItems[d.Store.Usage]
		if len(reqs) > 0 {
			if err := store.Sleep(ctx, time.Duration(10*(attempt+1))*time.Millisecond); err != nil {
				return err
			}
		}
	}
	return nil
}
