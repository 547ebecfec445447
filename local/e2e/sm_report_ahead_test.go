package e2e

import (
	"net/url"
	"testing"
	"time"

	"turnpike/shared/localdev/testenv"
)

// A report dated into the next hour waits for that hour: the current hour's
// exhausted limit stays exhausted, and the usage counts in the hour its
// timestamp names once that hour has come. Not parallel: it moves the clock
// of the whole stack (the usage consumer reads it too).
func TestSMReportDatedAhead(t *testing.T) {
	f := newSM(t, smOpts{})
	f.limit("hits", "hour", 5)
	clk := f.env.Server.Clock
	t.Cleanup(clk.Reset)
	// Three minutes before an hour ends.
	now := clk.Now()
	end := now.Truncate(time.Hour).Add(time.Hour)
	if end.Sub(now) < 3*time.Minute {
		end = end.Add(time.Hour)
	}
	clk.Advance(end.Add(-3 * time.Minute).Sub(now))
	for i := 0; i < 5; i++ {
		status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	}
	status(t, f.authrep(f.q("usage[hits]", "1")), 409)
	ahead := end.Add(2 * time.Minute)
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=1"+
		"&transactions[0][timestamp]="+url.QueryEscape(ahead.Format("2006-01-02 15:04:05 -07:00"))), 202)
	// The consumer sees it at once and sends it back to wait: the hour stays full.
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		status(t, f.authrep(f.q("usage[hits]", "1")), 409, `period="hour">`+period("hour", end.Add(-time.Minute))+
			`<max_value>5</max_value><current_value>5</current_value>`)
		time.Sleep(200 * time.Millisecond)
	}
	// Its hour comes: the report counts there, leaving room for four.
	clk.Advance(6 * time.Minute)
	next := `period="hour">` + period("hour", ahead)
	f.await(next + `<max_value>5</max_value><current_value>1</current_value>`)
	for i := 0; i < 4; i++ {
		status(t, f.authrep(f.q("usage[hits]", "1")), 200)
	}
	status(t, f.authrep(f.q("usage[hits]", "1")), 409, next+`<max_value>5</max_value><current_value>5</current_value>`)
	// And the history has it in its own hour.
	f.awaitHistory("/stats/applications/"+testenv.S(f.app.ID)+"/usage.json", url.Values{"metric_name": {"hits"}, "granularity": {"hour"},
		"since": {end.Add(-time.Hour).Format("2006-01-02 15:04:05")}, "until": {end.Format("2006-01-02 15:04:05")}}, `"values":[5,5]`)
}
