package usage

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
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

// errorItem is one integration error in the usage table.
type errorItem struct {
	PK      string `dynamodbav:"PK"`
	SK      string `dynamodbav:"SK"`
	Code    string `dynamodbav:"code"`
	Message string `dynamodbav:"message"`
	At      string `dynamodbav:"at"`
	TTL     int64  `dynamodbav:"ttl"`
	// Tenant lists the error by tenant, so that erasing a tenant finds it.
	Tenant string `dynamodbav:"tenant"`
}

// recordError keeps why a batch was dropped; keyed by the message, so a
// redelivery writes the same item again.
func recordError(ctx context.Context, d *deps.Deps, r *Report, msgID string, ie *integrationError) error {
	at := time.UnixMilli(r.Received).UTC()
	err := d.Store.PutUsage(ctx, &errorItem{PK: errorsPK(r.Tenant, r.Service), SK: fmt.Sprintf("%015d#%s", r.Received, msgID),
		Code: ie.code, Message: ie.message, At: at.Format(time.RFC3339), TTL: at.Add(ErrorTTL).Unix(), Tenant: store.TenantPK(r.Tenant)})
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
		pk, err := errorsOf(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		page, _, err := q.Int("page", 1)
		if err != nil {
			return api.Result{}, err
		}
		perPage, _, err := q.Int("per_page", 100)
		if err != nil {
			return api.Result{}, err
		}
		page, perPage = max(page, 1), min(max(perPage, 1), 500)
		var items []errorItem
		if err := d.Store.UsagePartition(ctx, pk, true, MaxErrors, &items); err != nil {
			return api.Result{}, err
		}
		list := &wire.List{Name: "errors", Page: &wire.Page{Number: int(page), PerPage: int(perPage), Total: len(items)}}
		// Any page number is taken: past the kept errors every page is empty
		// (bounded before multiplying, so a huge page cannot overflow).
		from := int((min(page, MaxErrors+1) - 1) * perPage)
		for i := from; i < len(items) && i < from+int(perPage); i++ {
			it := items[i]
			list.Items = append(list.Items, wire.NewObj("error").
				Set("code", it.Code).
				Set("message", it.Message).
				Set("timestamp", rubyTime(it.At)))
		}
		return api.Listed(list), nil
	})
}

// errorsOf is the partition of the integration errors of the service in the
// path (404 if it is not the tenant's).
func errorsOf(ctx context.Context, d *deps.Deps, q *api.Request) (string, error) {
	sid, err := q.ID("service_id")
	if err != nil {
		return "", err
	}
	if _, err := catalog.LoadService(ctx, d.Store, q.Tenant(), sid); err != nil {
		return "", err
	}
	return errorsPK(q.Tenant(), sid), nil
}

// rubyTime renders a stored time as 3scale's backend does (Ruby's Time#to_s in UTC).
func rubyTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// DeleteErrors is DELETE /admin/api/services/{service_id}/errors: forget the
// service's integration errors (3scale's backend offers the same).
func DeleteErrors(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		pk, err := errorsOf(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		if err := d.Store.DeleteUsagePartition(ctx, pk); err != nil {
			return api.Result{}, err
		}
		return api.Deleted(), nil
	})
}
