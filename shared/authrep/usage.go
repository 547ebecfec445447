package authrep

import (
	"regexp"
	"strconv"
	"strings"

	"turnpike/shared/apierr"
	"turnpike/shared/catalog"
	"turnpike/shared/params"
)

// delta is what a request does to one metric: add N, or set it to N (#N).
type delta struct {
	n   int64
	set bool
}

var usageValueRE = regexp.MustCompile(`^\s*(#?)(\d+)\s*$`)

// metrics indexes a service's metrics by name and id.
type metrics struct {
	byName map[string]*catalog.Metric
	byID   map[int64]*catalog.Metric
	kids   map[int64][]string // direct children's names, in id order
}

func indexMetrics(ms []*catalog.Metric) *metrics {
	x := &metrics{byName: map[string]*catalog.Metric{}, byID: map[int64]*catalog.Metric{}, kids: map[int64][]string{}}
	for _, m := range ms {
		x.byName[m.SystemName] = m
		x.byID[m.ID] = m
	}
	for _, m := range ms { // ms come in id order
		if m.Parent != 0 {
			x.kids[m.Parent] = append(x.kids[m.Parent], m.SystemName)
		}
	}
	return x
}

func (x *metrics) children(id int64) []string { return x.kids[id] }

// parseUsage reads usage[metric]=N|#N; unknown metrics and bad values are
// 3scale's metric_invalid and usage_value_invalid.
func parseUsage(u *params.Params, ms *metrics) (map[int64]delta, []int64, *apierr.Error) {
	out := map[int64]delta{}
	var order []int64
	for _, name := range u.Keys() {
		v, _ := u.Get(name)
		metric := strings.TrimSpace(name)
		m, ok := ms.byName[metric]
		if !ok {
			return nil, nil, errMetricInvalid(metric)
		}
		if v.Kind != params.String {
			return nil, nil, errUsageValueInvalid(metric, "")
		}
		mm := usageValueRE.FindStringSubmatch(v.Str)
		if mm == nil {
			return nil, nil, errUsageValueInvalid(metric, v.Str)
		}
		n, err := strconv.ParseInt(mm[2], 10, 64)
		if err != nil || n > 1<<53 {
			return nil, nil, errUsageValueInvalid(metric, v.Str)
		}
		if _, seen := out[m.ID]; !seen {
			order = append(order, m.ID)
		}
		out[m.ID] = delta{n: n, set: mm[1] == "#"}
	}
	return out, order, nil
}

// expand propagates usage to every ancestor (methods count on their parent
// metrics): increments add up, a set sets every ancestor too (the last one wins).
func expand(usage map[int64]delta, order []int64, ms *metrics, flat bool) map[int64]delta {
	out := map[int64]delta{}
	for _, id := range order {
		d := usage[id]
		for m, depth := ms.byID[id], 0; m != nil && depth < 16; depth++ {
			cur, seen := out[m.ID]
			switch {
			case d.set || !seen:
				out[m.ID] = d
			case cur.set:
				out[m.ID] = delta{n: cur.n + d.n, set: true}
			default:
				out[m.ID] = delta{n: cur.n + d.n}
			}
			if flat || m.Parent == 0 {
				break
			}
			m = ms.byID[m.Parent]
		}
	}
	return out
}
