// Package usagelog is what the usage consumer records for the provider to
// read back through the admin API, in the usage table: the usage history
// (series of buckets per application and per service) and the integration
// errors of dropped reports. The consumer (servicemgmt/usage) writes both;
// the stats and errors endpoints (admin/stats) read them.
package usagelog

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/store"
)

// HistoryPeriods are the periods usage history is kept for.
var HistoryPeriods = []string{"hour", "day", "week", "month", "year", "eternity"}

// TrackedCodes are the response codes counted one by one; every code also counts in its class (2XX…).
var TrackedCodes = map[string]bool{"200": true, "403": true, "404": true, "500": true, "503": true}

// HistoryPK is the partition of one series: tenant, scope ("A" application,
// "S" service) and its id, metric id (or "c:<code>"), period.
func HistoryPK(tenant int64, scope string, id int64, metric, period string) string {
	return "T#" + strconv.FormatInt(tenant, 10) + "#" + scope + "#" + strconv.FormatInt(id, 10) + "#" + metric + "#" + period
}

// Bucket is the sort key of the period containing at.
func Bucket(period string, at time.Time) string {
	if period == "eternity" {
		return "0"
	}
	return fmt.Sprintf("%012d", counter.Start(period, at).Unix())
}

// ReadSeries reads the buckets of a series between two sort keys, by sort key.
func ReadSeries(ctx context.Context, s *store.Store, pk, from, to string) (map[string]int64, error) {
	var buckets []struct {
		SK string `dynamodbav:"SK"`
		V  *int64 `dynamodbav:"v"`
	}
	if err := s.UsageRange(ctx, pk, from, to, &buckets); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, b := range buckets {
		if b.V != nil {
			out[b.SK] = *b.V
		}
	}
	return out, nil
}
