package ops

import (
	"sort"
	"strings"

	"turnpike/shared/admin/webhooks"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/queue"
	"turnpike/shared/servicemgmt/usage"
)

// Consumer is a function fed by an SQS queue (one Lambda function each). The
// template gives every consumer its own queue, named by Queue, with a
// dead-letter queue and a redrive policy.
type Consumer struct {
	Name  string // function name (the FUNCTION variable of the shared binary)
	Queue string // logical id of the queue in template.yaml, ending in "Queue"
	Build func(*deps.Deps) queue.Handler
	// Outbox: the admin API feeds the queue once its changes commit, and the
	// consumer writes the entities table and sends to its own queue again
	// (the webhook delivery records attempts and enqueues its retries).
	Outbox bool
}

// DeadLetterQueue is the logical id of the queue's dead-letter queue: "UsageQueue" → "UsageDeadLetterQueue".
func (c Consumer) DeadLetterQueue() string {
	return strings.TrimSuffix(c.Queue, "Queue") + "DeadLetterQueue"
}

// QueueURLVariable is the environment variable holding the queue's URL: "UsageQueue" → "USAGE_QUEUE_URL".
func (c Consumer) QueueURLVariable() string { return QueueURLVariable(c.Queue) }

// QueueURLVariable is the environment variable holding a queue's URL.
func QueueURLVariable(logicalID string) string {
	var b strings.Builder
	for i, r := range strings.TrimSuffix(logicalID, "Queue") {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String()) + "_QUEUE_URL"
}

// consumers lists every queue consumer; `make template` adds their functions.
var consumers = []Consumer{
	{Name: "usage-consumer", Queue: "UsageQueue", Build: usage.Consumer},
	{Name: "webhook-delivery", Queue: "WebhookQueue", Build: webhooks.Consumer, Outbox: true},
}

// Consumers lists every queue consumer, sorted by name.
func Consumers() []Consumer {
	out := append([]Consumer(nil), consumers...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindConsumer returns a queue consumer by name.
func FindConsumer(name string) (Consumer, bool) {
	for _, c := range consumers {
		if c.Name == name {
			return c, true
		}
	}
	return Consumer{}, false
}
