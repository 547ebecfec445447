// Package usage applies usage asynchronously: reports (POST /transactions.xml)
// and the history of what authrep counted travel through an SQS queue to a
// consumer that counts reports, keeps the usage history per application and
// per service, and records integration errors for the provider to read.
package usage

// Delta is usage of one metric: add N, or set the counter to N (#N).
type Delta struct {
	Metric int64 `json:"m"`
	N      int64 `json:"n"`
	Set    bool  `json:"s,omitempty"`
}

// Counted is usage authrep already counted, for the history only.
type Counted struct {
	Tenant  int64   `json:"t"`
	Service int64   `json:"v"`
	App     int64   `json:"a"`
	At      int64   `json:"at"` // unix seconds
	Usage   []Delta `json:"u"`  // expanded through the metric hierarchy
	Code    string  `json:"c,omitempty"`
}
