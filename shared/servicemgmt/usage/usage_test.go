package usage

import (
	"encoding/json"
	"math"
	"testing"
)

// The hand-written encoder writes what json.Marshal writes.
func TestEncodeHistoryIsJSON(t *testing.T) {
	for _, cs := range [][]Counted{
		{{Tenant: 1, Service: 2, App: 3, At: 1764547200, Usage: []Delta{{Metric: 4, N: 1}}}},
		{{Tenant: math.MaxInt64, Service: math.MinInt64, App: -1, At: 0, Usage: []Delta{{Metric: 9, N: -5, Set: true}, {Metric: 10, N: 0}}, Code: "200"}},
		{{Tenant: 1, Usage: nil, Code: "<\"é\\\x00\u2028>&"}, {Tenant: 2, Usage: []Delta{}}},
	} {
		want, err := json.Marshal(cs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := EncodeHistory(cs)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("EncodeHistory = %s\nwant %s", got, want)
		}
		back, err := DecodeHistory(got)
		if err != nil || len(back) != len(cs) {
			t.Errorf("DecodeHistory(%s) = %v, %v", got, back, err)
		}
	}
}
