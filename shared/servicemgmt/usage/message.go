package usage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Message is the body of one queue message.
type Message struct {
	Report *Report `json:"report,omitempty"`
}

// Report is a batch of reported transactions, checked only for what the HTTP
// answer depends on: the consumer resolves applications, metrics, values and
// timestamps, and drops the whole batch at the first error, as 3scale does.
type Report struct {
	Tenant   int64   `json:"t"`
	Service  int64   `json:"v"`
	Received int64   `json:"at"` // unix milliseconds: the time of transactions without a timestamp
	Txs      []RawTx `json:"x"`
	// Origin names the report's transactions dated ahead, re-sent by the
	// consumer to wait for their period: it keys their markers instead of
	// the message id, so every copy of them counts once.
	Origin string `json:"o,omitempty"`
	// ID names a report as accepted by POST /transactions.xml (each part of
	// a split report has its own, PartID): the consumer and a sender that
	// lost SQS's answer settle on it whether the report counts (see Claim).
	ID string `json:"id,omitempty"`

	wait time.Duration // how far ahead its latest transaction is dated
}

// RawTx is one transaction as reported.
type RawTx struct {
	AppID     string      `json:"a,omitempty"`
	UserKey   string      `json:"k,omitempty"`
	Usage     [][2]string `json:"u"` // metric name, value; in the order given
	Timestamp string      `json:"ts,omitempty"`
	Code      string      `json:"c,omitempty"`
	// Only, on a transaction sent back to wait for its time, names the
	// counter periods still to count; the rest of it counted already.
	Only []string `json:"only,omitempty"`
}

// MaxMessage bounds a message body (SQS takes 256 KiB); larger reports are
// split into several batches.
const MaxMessage = 200 << 10

// Encode renders a message body.
func (m *Message) Encode() (string, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("usage: encode: %w", err)
	}
	return string(b), nil
}

// PartID is the ID of the i-th part SplitReport makes of a report.
func PartID(id string, i int) string { return id + "/" + strconv.Itoa(i) }

// SplitReport cuts a report into batches whose bodies stay under MaxMessage.
func SplitReport(r *Report) ([]string, error) {
	var out []string
	var cur []RawTx
	size := 0
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		rep := &Report{Tenant: r.Tenant, Service: r.Service, Received: r.Received, Txs: cur}
		if r.Origin != "" {
			rep.Origin = r.Origin + "/" + strconv.Itoa(len(out))
		}
		if r.ID != "" {
			rep.ID = PartID(r.ID, len(out))
		}
		body, err := (&Message{Report: rep}).Encode()
		if err != nil {
			return err
		}
		out = append(out, body)
		cur, size = nil, 0
		return nil
	}
	for _, tx := range r.Txs {
		b, err := json.Marshal(tx)
		if err != nil {
			return nil, err
		}
		if size+len(b)+64 > MaxMessage {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		cur = append(cur, tx)
		size += len(b) + 1
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// SampleMessage is an example body, for the sample event of the consumer: a
// report for the application of the sample user key, in tenant 1 and its
// default service 4 as a fresh store numbers them (local/rie seeds them).
const SampleMessage = `{"report":{"t":1,"v":4,"at":1795860000000,"x":[{"k":"sample-user-key-0123456789","u":[["hits","1"]],"c":"200"}]}}`
