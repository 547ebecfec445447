// Package usage applies usage asynchronously. Reports (POST /transactions.xml)
// travel through an SQS queue to a consumer that counts them and records
// integration errors for the provider to read. The usage history per
// application and per service is derived from the counters table's stream:
// every counter write (authrep's and the report consumer's) carries what it
// counted, and the stream consumer folds batches of those into the history.
package usage

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Delta is usage of one metric: add N, or set the counter to N (#N).
type Delta struct {
	Metric int64 `json:"m"`
	N      int64 `json:"n"`
	Set    bool  `json:"s,omitempty"`
}

// Counted is usage a counter write counted, for the history only.
type Counted struct {
	Tenant  int64   `json:"t"`
	Service int64   `json:"v"`
	App     int64   `json:"a"`
	At      int64   `json:"at"` // unix seconds
	Usage   []Delta `json:"u"`  // expanded through the metric hierarchy
	Code    string  `json:"c,omitempty"`
}

// EncodeHistory renders what one counter write records for the usage history
// (counter.HistoryAttr): the transactions it counted, each with its own time.
// The JSON is json.Marshal's, byte for byte, appended by hand: every authrep
// encodes one.
func EncodeHistory(cs []Counted) (string, error) {
	if len(cs) == 0 {
		return "", nil
	}
	b := make([]byte, 0, 96*len(cs))
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"t":`...)
		b = strconv.AppendInt(b, c.Tenant, 10)
		b = append(b, `,"v":`...)
		b = strconv.AppendInt(b, c.Service, 10)
		b = append(b, `,"a":`...)
		b = strconv.AppendInt(b, c.App, 10)
		b = append(b, `,"at":`...)
		b = strconv.AppendInt(b, c.At, 10)
		b = append(b, `,"u":`...)
		if c.Usage == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j, d := range c.Usage {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"m":`...)
				b = strconv.AppendInt(b, d.Metric, 10)
				b = append(b, `,"n":`...)
				b = strconv.AppendInt(b, d.N, 10)
				if d.Set {
					b = append(b, `,"s":true`...)
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		if c.Code != "" {
			code, err := json.Marshal(c.Code)
			if err != nil {
				return "", fmt.Errorf("usage: encode history: %w", err)
			}
			b = append(b, `,"c":`...)
			b = append(b, code...)
		}
		b = append(b, '}')
	}
	return string(append(b, ']')), nil
}

// DecodeHistory reads what EncodeHistory rendered.
func DecodeHistory(s string) ([]Counted, error) {
	var cs []Counted
	if err := json.Unmarshal([]byte(s), &cs); err != nil {
		return nil, fmt.Errorf("usage: decode history: %w", err)
	}
	return cs, nil
}
