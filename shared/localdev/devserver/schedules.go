package devserver

import (
	"context"
	"fmt"
	"log"
	"time"

	"turnpike/shared/transport/ops"
)

// RunScheduled runs a scheduled function once, as its schedule would on AWS.
func (s *Server) RunScheduled(ctx context.Context, name string) error {
	sc, ok := ops.FindSchedule(name)
	if !ok {
		return fmt.Errorf("devserver: no scheduled function %q", name)
	}
	return sc.Build(s.Deps)(ctx)
}

// StartSchedules runs every scheduled function now and then every interval
// until ctx ends (the local runner's stand-in for EventBridge schedules).
func (s *Server) StartSchedules(ctx context.Context, every time.Duration) {
	run := func() {
		for _, sc := range ops.Schedules() {
			if err := sc.Build(s.Deps)(ctx); err != nil && ctx.Err() == nil {
				log.Printf("turnpike: scheduled %s: %v", sc.Name, err)
			}
		}
	}
	go func() {
		run()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				run()
			}
		}
	}()
}
