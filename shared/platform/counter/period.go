// Package counter keeps exact per-application usage counters in DynamoDB.
//
// One item per application holds, for every limited (metric, period), a value
// and the start of the period it counts ("stamp"). An authorization is one
// conditional UpdateItem: it adds the usage to every touched counter on the
// condition that each stamp is the current period and each value stays within
// its limit. A denied request writes nothing; a period that rolled over is
// reset by the same kind of conditional write, so concurrent callers can never
// overshoot a limit or lose a count. Reports add without limits (Add, or
// AddUpdate inside a transaction) and never move a counter back to an older
// period.
package counter

import "time"

// Periods, longest first.
var Periods = []string{"eternity", "year", "month", "week", "day", "hour", "minute"}

// Start is the beginning of the period containing t (UTC, calendar aligned,
// weeks start on Monday); the zero time for eternity.
func Start(period string, t time.Time) time.Time {
	t = t.UTC()
	switch period {
	case "minute":
		return t.Truncate(time.Minute)
	case "hour":
		return t.Truncate(time.Hour)
	case "day":
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	case "week":
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End is the beginning of the next period.
func End(period string, start time.Time) time.Time {
	switch period {
	case "minute":
		return start.Add(time.Minute)
	case "hour":
		return start.Add(time.Hour)
	case "day":
		return start.AddDate(0, 0, 1)
	case "week":
		return start.AddDate(0, 0, 7)
	case "month":
		return start.AddDate(0, 1, 0)
	case "year":
		return start.AddDate(1, 0, 0)
	}
	return time.Time{}
}
