package ops

import (
	"sort"

	"turnpike/shared/admin/webhooks"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/queue"
	"turnpike/shared/servicemgmt/usage"
)

// Consumer is a function fed by an SQS queue (one Lambda function each).
type Consumer struct {
	Name  string // function directory under functions/ and the template's function name
	Queue string // logical id of the queue in template.yaml
	Build func(*deps.Deps) queue.Handler
}

// consumers lists every queue consumer; `make template` adds their functions.
var consumers = []Consumer{
	{"usage-consumer", "UsageQueue", usage.Consumer},
	{"webhook-delivery", "WebhookQueue", webhooks.Consumer},
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
