package params

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	hour := func(s string) string {
		ts, ok := ParseTimestamp(s)
		if !ok {
			return "none"
		}
		return ts.Format("2006010215")
	}
	for in, want := range map[string]string{
		"2010-04-22 23:59:30":        "2010042223",
		"2010-04-22 23:59:25 UTC":    "2010042223",
		"2010-04-22 21:00:25 -02:00": "2010042223",
		"1271980765":                 "2010042223",
		"2010-04-22 23:55:45 +0200":  "2010042221",
		"2012/10/01":                 "2012100100",
		"":                           "none",
		"2012garbage2012":            "none",
		"2010-02-31":                 "none",
	} {
		if got := hour(in); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	if ts, _ := ParseTimestamp("2010-04-22T23:59:30Z"); !ts.Equal(time.Date(2010, 4, 22, 23, 59, 30, 0, time.UTC)) {
		t.Errorf("ISO 8601: %v", ts)
	}
}
