package usage

import (
	"regexp"
	"strconv"

	"turnpike/shared/model/catalog"
)

// Metrics indexes a service's metrics and methods.
type Metrics struct {
	ByName map[string]*catalog.Metric
	ByID   map[int64]*catalog.Metric
	kids   map[int64][]string // direct children's names, in id order
}

// IndexMetrics indexes metrics listed in id order.
func IndexMetrics(ms []*catalog.Metric) *Metrics {
	x := &Metrics{ByName: map[string]*catalog.Metric{}, ByID: map[int64]*catalog.Metric{}, kids: map[int64][]string{}}
	for _, m := range ms {
		x.ByName[m.SystemName] = m
		x.ByID[m.ID] = m
	}
	for _, m := range ms {
		if m.Parent != 0 {
			x.kids[m.Parent] = append(x.kids[m.Parent], m.SystemName)
		}
	}
	return x
}

// Children are the names of a metric's methods.
func (x *Metrics) Children(id int64) []string { return x.kids[id] }

var valueRE = regexp.MustCompile(`^\s*(#?)(\d+)\s*$`)

// MaxValue bounds a usage value (counters stay exact in a float64 too).
const MaxValue = 1 << 53

// ParseValue reads a usage value: "N" adds, "#N" sets.
func ParseValue(v string) (n int64, set, ok bool) {
	m := valueRE.FindStringSubmatch(v)
	if m == nil {
		return 0, false, false
	}
	n, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil || n > MaxValue {
		return 0, false, false
	}
	return n, m[1] == "#", true
}

// Expand propagates usage, given in order, to every ancestor (methods count
// on their parent metrics): increments add up, a set sets every ancestor too
// and the last one wins. flat disables the propagation.
func Expand(usage []Delta, x *Metrics, flat bool) map[int64]Delta {
	out := make(map[int64]Delta, len(usage)*2)
	for _, d := range usage {
		for m, depth := x.ByID[d.Metric], 0; m != nil && depth < 16; depth++ {
			cur, seen := out[m.ID]
			switch {
			case d.Set || !seen:
				out[m.ID] = Delta{Metric: m.ID, N: d.N, Set: d.Set}
			default:
				out[m.ID] = Delta{Metric: m.ID, N: cur.N + d.N, Set: cur.Set}
			}
			if flat || m.Parent == 0 {
				break
			}
			m = x.ByID[m.Parent]
		}
	}
	return out
}

// Error texts shared by the synchronous answers and the integration errors.

func MetricInvalid(m string) string { return `metric "` + m + `" is invalid` }

func UsageValueInvalid(m, v string) string {
	if v == "" {
		return `usage value for metric "` + m + `" can not be empty`
	}
	return `usage value "` + v + `" for metric "` + m + `" is invalid`
}

func AppNotFound(id string) string {
	if id == "" {
		return "application id is missing"
	}
	return `application with id="` + id + `" was not found`
}

func UserKeyInvalid(uk string) string {
	if uk == "" {
		return "user key is missing"
	}
	return `user key "` + uk + `" is invalid`
}

const BothCredentials = "either app_id or user_key is allowed, not both"
