package usagelog

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"turnpike/shared/platform/store"
)

// ErrorTTL is how long integration errors are kept.
const ErrorTTL = 30 * 24 * time.Hour

// MaxErrors is how many integration errors a service lists, newest first (3scale keeps 1000).
const MaxErrors = 1000

func errorsPK(tenant, service int64) string {
	return "T#" + strconv.FormatInt(tenant, 10) + "#ERR#" + strconv.FormatInt(service, 10)
}

// IntegrationError is one integration error in the usage table.
type IntegrationError struct {
	PK      string `dynamodbav:"PK"`
	SK      string `dynamodbav:"SK"`
	Code    string `dynamodbav:"code"`
	Message string `dynamodbav:"message"`
	At      string `dynamodbav:"at"`
	TTL     int64  `dynamodbav:"ttl"`
	// Tenant lists the error by tenant, so that erasing a tenant finds it.
	Tenant string `dynamodbav:"tenant"`
}

// RecordError keeps why a batch received at (unix milliseconds) was dropped;
// keyed by the message, so a redelivery writes the same item again.
func RecordError(ctx context.Context, s *store.Store, tenant, service, received int64, msgID, code, message string) error {
	at := time.UnixMilli(received).UTC()
	err := s.PutUsage(ctx, &IntegrationError{PK: errorsPK(tenant, service), SK: fmt.Sprintf("%015d#%s", received, msgID),
		Code: code, Message: message, At: at.Format(time.RFC3339), TTL: at.Add(ErrorTTL).Unix(), Tenant: store.TenantPK(tenant)})
	if err != nil {
		return fmt.Errorf("usage: record error: %w", err)
	}
	return nil
}

// Errors lists the kept integration errors of a service, newest first.
func Errors(ctx context.Context, s *store.Store, tenant, service int64) ([]IntegrationError, error) {
	var items []IntegrationError
	if err := s.UsagePartition(ctx, errorsPK(tenant, service), true, MaxErrors, &items); err != nil {
		return nil, err
	}
	return items, nil
}

// DeleteErrors forgets the integration errors of a service.
func DeleteErrors(ctx context.Context, s *store.Store, tenant, service int64) error {
	return s.DeleteUsagePartition(ctx, errorsPK(tenant, service))
}
