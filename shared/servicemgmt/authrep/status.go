package authrep

import (
	"sort"
	"strconv"
	"strings"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/wire"
)

// report is one usage report: a limit, its counter as stored before the call
// and as shown (after this call's usage, for an authorized authrep).
type report struct {
	metric  *catalog.Metric
	limit   *catalog.Limit
	stored  int64
	current int64
}

var periodRank = func() map[string]int {
	m := map[string]int{}
	for i, p := range catalog.Periods {
		m[p] = i
	}
	return m
}()

// sortLimits orders limits as 3scale reports them: by metric id, then eternity … minute.
func sortLimits(ls []*catalog.Limit) {
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].Metric != ls[j].Metric {
			return ls[i].Metric < ls[j].Metric
		}
		return periodRank[ls[i].Period] < periodRank[ls[j].Period]
	})
}

func counterOf(l *catalog.Limit) counter.Counter {
	return counter.Counter{Metric: l.Metric, Period: l.Period}
}

const dateLayout = "2006-01-02 15:04:05 -0700"

// doc is everything the status document shows.
type doc struct {
	den         *denial
	oauthApp    string // the rendered <application> element (oauth_* endpoints)
	planName    string
	reports     []report
	appKeys     string // the rendered <app_keys> element (list_app_keys)
	hierarchy   string // the rendered <hierarchy> element (hierarchy)
	periodStart func(string) (string, string)
}

// render writes 3scale's <status> document, byte for byte.
func (d *doc) render() []byte {
	var b strings.Builder
	b.Grow(256 + 300*len(d.reports))
	b.WriteString(wire.XMLHeader + "<status>")
	if d.den == nil {
		b.WriteString("<authorized>true</authorized>")
	} else {
		b.WriteString("<authorized>false</authorized><reason>" + d.den.reason + "</reason>")
	}
	b.WriteString(d.oauthApp)
	b.WriteString("<plan>" + wire.Escape(d.planName) + "</plan>")
	if len(d.reports) > 0 {
		b.WriteString("<usage_reports>")
		for _, r := range d.reports {
			b.WriteString(`<usage_report metric="` + r.metric.SystemName + `" period="` + r.limit.Period + `"`)
			if r.stored > r.limit.Value {
				b.WriteString(` exceeded="true"`)
			}
			b.WriteString(">")
			if r.limit.Period != "eternity" {
				start, end := d.periodStart(r.limit.Period)
				b.WriteString("<period_start>" + start + "</period_start><period_end>" + end + "</period_end>")
			}
			b.WriteString("<max_value>" + strconv.FormatInt(r.limit.Value, 10) + "</max_value>")
			b.WriteString("<current_value>" + strconv.FormatInt(r.current, 10) + "</current_value>")
			b.WriteString("</usage_report>")
		}
		b.WriteString("</usage_reports>")
	}
	b.WriteString(d.appKeys)
	b.WriteString(d.hierarchy)
	b.WriteString("</status>")
	return []byte(b.String())
}
