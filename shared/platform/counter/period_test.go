package counter

import (
	"testing"
	"time"
)

func TestStartEnd(t *testing.T) {
	at := time.Date(2025, 4, 23, 17, 42, 31, 0, time.UTC) // a Wednesday
	want := map[string]string{
		"minute": "2025-04-23T17:42:00Z", "hour": "2025-04-23T17:00:00Z", "day": "2025-04-23T00:00:00Z",
		"week": "2025-04-21T00:00:00Z", "month": "2025-04-01T00:00:00Z", "year": "2025-01-01T00:00:00Z",
	}
	for p, w := range want {
		if got := Start(p, at).Format(time.RFC3339); got != w {
			t.Errorf("Start(%s) = %s, want %s", p, got, w)
		}
	}
	if got := End("month", Start("month", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))); got.Format("2006-01-02") != "2026-01-01" {
		t.Errorf("End(month) = %s", got)
	}
	sunday := time.Date(2025, 4, 27, 23, 0, 0, 0, time.UTC)
	if got := Start("week", sunday).Format("2006-01-02"); got != "2025-04-21" {
		t.Errorf("Start(week, Sunday) = %s", got)
	}
	if !Start("eternity", at).IsZero() {
		t.Error("eternity has no start")
	}
}
