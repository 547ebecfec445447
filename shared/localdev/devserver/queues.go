package devserver

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"turnpike"
	"turnpike/infra/cfn"
	"turnpike/shared/platform/queue"
	"turnpike/shared/transport/ops"
)

// consumers polls every queue of the template into its consumer function, as
// Lambda's event source mappings do on AWS.
type consumers struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startQueues creates the template's queues, points the dependencies at them
// and starts one poller per consumer.
func (s *Server) startQueues(ctx context.Context) error {
	if s.Stack.SQSEndpoint == "" {
		return nil
	}
	client, err := queue.Client(ctx, s.Stack.SQSEndpoint)
	if err != nil {
		return err
	}
	urls, err := cfn.CreateQueues(ctx, client, turnpike.Template)
	if err != nil {
		return fmt.Errorf("devserver: %w", err)
	}
	s.Deps.Usage = &queue.Queue{SQS: client, URL: urls["UsageQueue"]}
	s.Deps.Webhooks.Queue = &queue.Queue{SQS: client, URL: urls["WebhookQueue"]}
	// Locally the SQS emulator is a process of its own that can die or hang.
	s.Deps.Probes = append(s.Deps.Probes, s.Deps.Usage.Ping)
	pctx, cancel := context.WithCancel(context.Background())
	s.consumers = &consumers{cancel: cancel}
	for _, c := range ops.Consumers() {
		q := &queue.Queue{SQS: client, URL: urls[c.Queue]}
		if q.URL == "" {
			cancel()
			return fmt.Errorf("devserver: consumer %s: no queue %s in the template", c.Name, c.Queue)
		}
		h := c.Build(s.Deps)
		arn := "arn:aws:sqs:us-east-1:000000000000:" + cfn.LocalQueueName(c.Queue)
		s.consumers.wg.Go(func() { queue.Poll(pctx, q, arn, 10, h) })
	}
	for _, sc := range ops.Schedules() {
		run := sc.Build(s.Deps)
		s.consumers.wg.Go(func() { every(pctx, ScheduleEvery, run) })
	}
	return nil
}

// ScheduleEvery is how often the local stack runs each scheduled function
// (on AWS, its own rate).
const ScheduleEvery = 30 * time.Second

func every(ctx context.Context, d time.Duration, run func(context.Context) error) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := run(ctx); err != nil && ctx.Err() == nil {
				slog.Error("devserver: scheduled function failed", "error", err)
			}
		}
	}
}

// RunSchedule runs a scheduled function now, as its schedule would.
func (s *Server) RunSchedule(ctx context.Context, name string) error {
	sc, ok := ops.FindSchedule(name)
	if !ok {
		return fmt.Errorf("devserver: no scheduled function %q", name)
	}
	return sc.Build(s.Deps)(ctx)
}

func (c *consumers) stop() {
	if c != nil {
		c.cancel()
		c.wg.Wait()
	}
}
