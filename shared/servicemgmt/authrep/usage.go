package authrep

import (
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
	"turnpike/shared/servicemgmt/usage"
)

// delta is what a request does to one metric: add N, or set it to N (#N).
type delta = usage.Delta

// metrics indexes a service's metrics by name and id.
type metrics = usage.Metrics

var indexMetrics = usage.IndexMetrics

// parseUsage reads usage[metric]=N|#N in the order given; unknown metrics and
// bad values are 3scale's metric_invalid and usage_value_invalid.
func parseUsage(u *params.Params, ms *metrics) ([]delta, *apierr.Error) {
	out := make([]delta, 0, u.Len())
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
		out = append(out, delta{Metric: m.ID, N: n, Set: set})
	}
	return out, nil
}
