package ops

import (
	"context"
	"sort"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/platform/deps"
	"turnpike/shared/servicemgmt/usage"
)

// Stream is a function fed by a DynamoDB table's stream (one Lambda function
// each), through an event source mapping that reads every shard from its
// oldest record (TRIM_HORIZON) and hands the function batches of up to
// BatchSize records, waiting up to Window seconds to fill one. A batch that
// fails is retried whole, so the function makes each batch count once.
type Stream struct {
	Name   string // function name (the FUNCTION variable of the shared binary)
	Table  string // logical id of the table in template.yaml whose stream feeds it
	Build  func(*deps.Deps) func(context.Context, events.DynamoDBEvent) error
	Batch  int // records per batch, at most
	Window int // seconds to wait for a fuller batch
}

// streams lists every stream consumer; `make template` adds their functions
// and event source mappings. The history's writes are amortized over a
// batch (about six items per application and service it touches), so the
// batches are large: see docs/performance.md.
var streams = []Stream{
	{Name: "usage-history-stream", Table: "CountersTable", Build: usage.StreamConsumer, Batch: 5000, Window: 30},
}

// Streams lists every stream consumer, sorted by name.
func Streams() []Stream {
	out := append([]Stream(nil), streams...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindStream returns a stream consumer by name.
func FindStream(name string) (Stream, bool) {
	for _, s := range streams {
		if s.Name == name {
			return s, true
		}
	}
	return Stream{}, false
}
