package authrep

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"turnpike/shared/catalog"
	"turnpike/shared/counter"
	"turnpike/shared/wire"
)

// report is one usage report: a limit and its counter's value.
type report struct {
	metric string
	limit  *catalog.Limit
	value  int64
}

// sortLimits orders limits as 3scale reports them: by metric id, then eternity … minute.
func sortLimits(ls []*catalog.Limit) {
	rank := map[string]int{}
	for i, p := range catalog.Periods {
		rank[p] = i
	}
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].Metric != ls[j].Metric {
			return ls[i].Metric < ls[j].Metric
		}
		return rank[ls[i].Period] < rank[ls[j].Period]
	})
}

const dateLayout = "2006-01-02 15:04:05 -0700"

// statusDoc renders 3scale's <status> document, byte for byte.
func statusDoc(d *denial, planName string, reports []report, now time.Time) []byte {
	var b strings.Builder
	b.WriteString(wire.XMLHeader + "<status>")
	if d == nil {
		b.WriteString("<authorized>true</authorized>")
	} else {
		b.WriteString("<authorized>false</authorized><reason>" + d.reason + "</reason>")
	}
	b.WriteString("<plan>" + wire.Escape(planName) + "</plan>")
	if len(reports) > 0 {
		b.WriteString("<usage_reports>")
		for _, r := range reports {
			b.WriteString(`<usage_report metric="` + r.metric + `" period="` + r.limit.Period + `"`)
			if r.value > r.limit.Value {
				b.WriteString(` exceeded="true"`)
			}
			b.WriteString(">")
			if r.limit.Period != "eternity" {
				start := counter.Start(r.limit.Period, now)
				b.WriteString("<period_start>" + start.Format(dateLayout) + "</period_start>")
				b.WriteString("<period_end>" + counter.End(r.limit.Period, start).Format(dateLayout) + "</period_end>")
			}
			b.WriteString("<max_value>" + strconv.FormatInt(r.limit.Value, 10) + "</max_value>")
			b.WriteString("<current_value>" + strconv.FormatInt(r.value, 10) + "</current_value>")
			b.WriteString("</usage_report>")
		}
		b.WriteString("</usage_reports>")
	}
	b.WriteString("</status>")
	return []byte(b.String())
}
