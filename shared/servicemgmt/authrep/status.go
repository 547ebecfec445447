package authrep

import (
	"sort"
	"strconv"

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

// render writes 3scale's <status> document, byte for byte, appending to one
// buffer sized for it: it runs on every authorization.
func (d *doc) render() []byte {
	b := make([]byte, 0, 256+300*len(d.reports)+len(d.oauthApp)+len(d.appKeys)+len(d.hierarchy))
	b = append(b, wire.XMLHeader+"<status>"...)
	if d.den == nil {
		b = append(b, "<authorized>true</authorized>"...)
	} else {
		b = append(b, "<authorized>false</authorized><reason>"...)
		b = append(b, d.den.reason...)
		b = append(b, "</reason>"...)
	}
	b = append(b, d.oauthApp...)
	b = append(b, "<plan>"...)
	b = append(b, wire.Escape(d.planName)...)
	b = append(b, "</plan>"...)
	if len(d.reports) > 0 {
		b = append(b, "<usage_reports>"...)
		for _, r := range d.reports {
			b = append(b, `<usage_report metric="`...)
			b = append(b, r.metric.SystemName...)
			b = append(b, `" period="`...)
			b = append(b, r.limit.Period...)
			b = append(b, '"')
			if r.stored > r.limit.Value {
				b = append(b, ` exceeded="true"`...)
			}
			b = append(b, '>')
			if r.limit.Period != "eternity" {
				start, end := d.periodStart(r.limit.Period)
				b = append(b, "<period_start>"...)
				b = append(b, start...)
				b = append(b, "</period_start><period_end>"...)
				b = append(b, end...)
				b = append(b, "</period_end>"...)
			}
			b = append(b, "<max_value>"...)
			b = strconv.AppendInt(b, r.limit.Value, 10)
			b = append(b, "</max_value><current_value>"...)
			b = strconv.AppendInt(b, r.current, 10)
			b = append(b, "</current_value></usage_report>"...)
		}
		b = append(b, "</usage_reports>"...)
	}
	b = append(b, d.appKeys...)
	b = append(b, d.hierarchy...)
	return append(b, "</status>"...)
}
