package authrep

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/params"
	"turnpike/shared/servicemgmt/usage"
)

// FuzzReportBody feeds arbitrary form bodies through the report's parsing:
// parameters, the transactions' shape, each transaction with its timestamp,
// and the usage of an authorization. Nothing may panic, a refusal is the 4xx
// 3scale answers, every accepted transaction has usage, and every timestamp
// read is one instant that reads back the same (see checkTimestamp).
func FuzzReportBody(f *testing.F) {
	for _, s := range []string{
		"transactions[0][app_id]=a&transactions[0][usage][hits]=1",
		"transactions[0][user_key]=k&transactions[0][usage][hits]=%2310&transactions[0][timestamp]=2010-04-22+23:59:30+-02:00",
		"transactions=string", "transactions[1]", "transactions[0][user_id]=1", "transactions[]=1",
		"transactions[0][usage]=x", "transactions[0][usage][hits][]=1", "transactions[0][log][code]=200",
		"usage[hits]=1&usage[search]=#2", "usage[]=1&usage[hits]=1", "usage[%FF]=1", "testparam=value1%",
	} {
		f.Add(s)
	}
	for _, ts := range []string{
		"1271980765", "-1", "99999999999999999999", "2010-04-22T23:59:30Z", "2010-04-22 23:59:25 UTC",
		"2012/10/01", "2010-02-31", "2010-4-2 3:04 +0530", "2010-04-22 23:59:60 GMT", "2010-04-22 23:59:30.5 -0200",
		"0000-01-01 00:00:00 +23:59", "9999-12-31 23:59:59 -23:59", "2010-13-01", "garbage", "",
	} {
		s := "transactions[0][app_id]=a&transactions[0][usage][hits]=1&transactions[0][timestamp]=" + url.QueryEscape(ts)
		f.Add(s)
	}
	ms := indexMetrics([]*catalog.Metric{{ID: 1, SystemName: "hits"}, {ID: 2, SystemName: "search", Parent: 1}})
	f.Fuzz(func(t *testing.T, body string) {
		p, e := parseRaw(body)
		if e != nil {
			if e.HTTP != 400 {
				t.Fatalf("parse error %d for %q", e.HTTP, body)
			}
			return
		}
		if u, ok := p.Map("usage"); ok {
			if ds, e := parseUsage(u, ms); e == nil {
				usage.Expand(ds, ms, false)
			} else if e.HTTP != 403 && e.HTTP != 404 {
				t.Fatalf("usage error %d for %q", e.HTTP, body)
			}
		}
		txs, e := transactions(p)
		if e != nil {
			if e.HTTP != 400 {
				t.Fatalf("transactions error %d for %q", e.HTTP, body)
			}
			return
		}
		for _, k := range txs.Keys() {
			v, _ := txs.Get(k)
			tx, ok := rawTx(v.Map)
			if ok && len(tx.Usage) == 0 {
				t.Fatalf("accepted a transaction without usage: %q", body)
			}
			checkTimestamp(t, tx.Timestamp)
		}
	})
}

// checkTimestamp holds ParseTimestamp to what a report relies on: a timestamp
// it cannot read gives no time at all (the time the report was received
// applies); one it reads is a whole second in UTC that reads back the same
// from its epoch and, within years 0–9999, from its date; and a date never
// lands further from its calendar fields than the largest offset allows.
func checkTimestamp(t *testing.T, s string) {
	t.Helper()
	at, ok := params.ParseTimestamp(s)
	if !ok {
		if !at.IsZero() {
			t.Fatalf("unread timestamp %q gave %v", s, at)
		}
		return
	}
	if at.Location() != time.UTC || at.Nanosecond() != 0 {
		t.Fatalf("timestamp %q read as %v: want a whole second in UTC", s, at)
	}
	epoch := strconv.FormatInt(at.Unix(), 10)
	if back, ok := params.ParseTimestamp(epoch); !ok || !back.Equal(at) {
		t.Fatalf("timestamp %q read as %v, but its epoch %s reads as %v (%v)", s, at, epoch, back, ok)
	}
	// A date has four-digit years and an offset of at most 99:99.
	maxOffset := 100 * time.Hour
	first, last := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	isDate := strings.ContainsAny(strings.TrimLeft(strings.TrimSpace(s), "-"), "-/")
	if isDate && (at.Before(first.Add(-maxOffset)) || !at.Before(last.Add(maxOffset))) {
		t.Fatalf("date %q read as %v, outside years 0000-9999", s, at)
	}
	if m := dateFields.FindStringSubmatch(s); m != nil {
		checkDay(t, s, at, m)
	}
	if at.Before(first) || !at.Before(last) {
		return // no four-digit date to read back
	}
	for _, layout := range []string{"2006-01-02 15:04:05 -07:00", "2006-01-02T15:04:05Z", "2006/01/02 15:04:05 UTC"} {
		date := at.Format(layout)
		if back, ok := params.ParseTimestamp(date); !ok || !back.Equal(at) {
			t.Fatalf("timestamp %q read as %v, but %q reads as %v (%v)", s, at, date, back, ok)
		}
	}
}

// dateFields reads the day a date names and its offset from UTC, if any.
var dateFields = regexp.MustCompile(`^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b.*?(?:([+-])(\d{2}):?(\d{2}))?\s*$`)

// checkDay: a date is read on the day it names, at its offset (a 60th second
// may carry it into the next day); 2010-02-31 is not 2010-03-03.
func checkDay(t *testing.T, s string, at time.Time, m []string) {
	t.Helper()
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	off := (n(5)*60 + n(6)) * 60
	if m[4] == "-" {
		off = -off
	}
	wall := at.In(time.FixedZone("", off))
	day := time.Date(n(1), time.Month(n(2)), n(3), 0, 0, 0, 0, wall.Location())
	if wall.Year() == n(1) && wall.Month() == time.Month(n(2)) && wall.Day() == n(3) {
		return
	}
	if strings.Contains(s, ":60") && wall.Equal(day.AddDate(0, 0, 1)) {
		return
	}
	t.Fatalf("date %q read as %v, not on the day it names", s, at)
}
