package authrep

import (
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
	"turnpike/shared/servicemgmt/usage"
)

var indexMetrics = usage.IndexMetrics

// parseUsage reads usage[metric]=N|#N in the order given; unknown metrics and
// bad values are 3scale's metric_invalid and usage_value_invalid.
func parseUsage(u *params.Params, ms *usage.Metrics) ([]usage.Delta, *apierr.Error) {
	out := make([]usage.Delta, 0, u.Len())
	for _, name := range u.Keys() {
		v, _ := u.Get(name)
		metric := strings.TrimSpace(name)
		m, ok := ms.ByName[metric]
		if !ok {
			return nil, errMetricInvalid(metric)
		}
		if v.Kind != params.String {
			return nil, errUsageValueInvalid(metric, "")
		}
		n, set, ok := usage.ParseValue(v.Str)
		if !ok {
			return nil, errUsageValueInvalid(metric, v.Str)
		}
		out = append(out, usage.Delta{Metric: m.ID, N: n, Set: set})
	}
	return out, nil
}
