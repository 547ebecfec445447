// Package usagelog is what the usage consumers record for the provider to
// read back through the admin API, in the usage table: the usage history
// (per application and per service) and the integration errors of dropped
// reports. The consumers (servicemgmt/usage: the history from the counters
// table's stream, the errors from the report consumer) write them; the stats
// and errors endpoints (admin/stats) read them.
package usagelog

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/store"
)

// HistoryPeriods are the periods usage history answers for.
var HistoryPeriods = []string{"hour", "day", "week", "month", "year", "eternity"}

// TrackedCodes are the response codes counted one by one; every code also counts in its class (2XX…).
var TrackedCodes = map[string]bool{"200": true, "403": true, "404": true, "500": true, "503": true}

// HistoryPK is the partition of an application's or a service's history:
// tenant, scope ("A" application, "S" service) and its id, and the period of
// its items, "day" or "month" (Stored). One item per day holds every series
// (an attribute named by the metric id, or "c:<code>") and its hours
// ("<series>@HH", HourSuffix); one item per month holds the month's totals.
// Weeks sum days, years and eternity sum months: a batch writes two items
// per application and per service, whatever the number of metrics.
func HistoryPK(tenant int64, scope string, id int64, period string) string {
	return "T#" + strconv.FormatInt(tenant, 10) + "#" + scope + "#" + strconv.FormatInt(id, 10) + "#" + period
}

// Bucket is the sort key of the period containing at.
func Bucket(period string, at time.Time) string {
	if period == "eternity" {
		return "0"
	}
	return fmt.Sprintf("%012d", counter.Start(period, at).Unix())
}

// HourSuffix names the hour of at within its day's item: "@00" … "@23".
func HourSuffix(at time.Time) string { return fmt.Sprintf("@%02d", at.UTC().Hour()) }

// Stored is the period of the items a granularity is read from: hours, days
// and weeks from the day items, the longer periods from the month items.
func Stored(gran string) string {
	switch gran {
	case "month", "year", "eternity":
		return "month"
	}
	return "day"
}

// ReadSeries reads a series' values in the buckets of gran starting at
// starts, from the items of its partition pk (HistoryPK with Stored(gran)):
// an hour is an attribute of its day's item, a day or a month an item's
// total, a week, a year and eternity the sum of their days' or months' totals.
func ReadSeries(ctx context.Context, s *store.Store, pk, series, gran string, starts []time.Time) ([]int64, error) {
	from, to := "0", "999999999999"
	if gran != "eternity" {
		from = Bucket(Stored(gran), starts[0])
		to = Bucket(Stored(gran), counter.End(gran, starts[len(starts)-1]).Add(-time.Second))
	}
	items, err := s.UsageRangeItems(ctx, pk, from, to)
	if err != nil {
		return nil, err
	}
	index := make(map[int64]int, len(starts))
	for i, t := range starts {
		index[t.Unix()] = i
	}
	values := make([]int64, len(starts))
	add := func(start time.Time, v int64) {
		if i, ok := index[start.Unix()]; ok {
			values[i] += v
		}
	}
	for _, it := range items {
		sec, err := strconv.ParseInt(it.Str("SK"), 10, 64)
		if err != nil {
			continue
		}
		at := time.Unix(sec, 0).UTC()
		if gran == "hour" {
			for h := 0; h < 24; h++ {
				hour := at.Add(time.Duration(h) * time.Hour)
				if _, ok := it[series+HourSuffix(hour)]; ok {
					add(hour, it.Num(series+HourSuffix(hour)))
				}
			}
			continue
		}
		add(counter.Start(gran, at), it.Num(series))
	}
	return values, nil
}
