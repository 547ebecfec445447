package emulators

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Options says which services Start runs and where.
type Options struct {
	Root             string    // repository root; "" = RepoRoot()
	DataDir          string    // "" = in-memory DynamoDB; else DynamoDB Local persists under DataDir (created if missing)
	Log              io.Writer // progress lines; nil = io.Discard
	DynamoDBEndpoint string    // if set, do not start DynamoDB Local; just wait until this endpoint answers
	SQSEndpoint      string    // if set, do not start fauxqs; just wait until it answers
	NoSQS            bool      // do not start or wait for the SQS emulator at all
}

// Stack is a set of running services; Stop ends the ones it started.
type Stack struct {
	DynamoDBEndpoint string // e.g. http://127.0.0.1:38123
	SQSEndpoint      string // "" when NoSQS

	dynamo, sqs *child // nil when not started by this Stack
	stopOnce    sync.Once
	stopErr     error
}

// Start installs the npm packages if needed, starts the services on free loopback ports, and waits until each answers.
func Start(ctx context.Context, o Options) (*Stack, error) {
	log := &syncWriter{w: o.Log}
	if o.Log == nil {
		log.w = io.Discard
	}
	wantDynamo := o.DynamoDBEndpoint == ""
	wantSQS := !o.NoSQS && o.SQSEndpoint == ""
	root := o.Root
	if root == "" && (wantDynamo || wantSQS) {
		var err error
		if root, err = RepoRoot(); err != nil {
			return nil, err
		}
	}
	if err := checkTools(root, wantDynamo, wantSQS); err != nil {
		return nil, err
	}
	if wantDynamo || wantSQS {
		if err := EnsureInstalled(root, log); err != nil {
			return nil, err
		}
	}

	// The JVM dominates start-up time, so both services start at once.
	s := &Stack{}
	var wg sync.WaitGroup
	var dynamoErr, sqsErr error
	wg.Go(func() {
		if wantDynamo {
			t := time.Now()
			s.dynamo, s.DynamoDBEndpoint, dynamoErr = startDynamoDB(ctx, root, o.DataDir)
			if dynamoErr == nil {
				fmt.Fprintf(log, "DynamoDB Local ready on %s in %.1fs\n", s.DynamoDBEndpoint, time.Since(t).Seconds())
			}
			return
		}
		s.DynamoDBEndpoint = o.DynamoDBEndpoint
		dynamoErr = waitReady(ctx, "DynamoDB", o.DynamoDBEndpoint, nil, dynamoProbe)
	})
	if !o.NoSQS {
		wg.Go(func() {
			if wantSQS {
				t := time.Now()
				s.sqs, s.SQSEndpoint, sqsErr = startSQS(ctx, root)
				if sqsErr == nil {
					fmt.Fprintf(log, "SQS emulator ready on %s in %.1fs\n", s.SQSEndpoint, time.Since(t).Seconds())
				}
				return
			}
			s.SQSEndpoint = o.SQSEndpoint
			sqsErr = waitReady(ctx, "SQS", o.SQSEndpoint, nil, sqsProbe)
		})
	}
	wg.Wait()
	if err := errors.Join(dynamoErr, sqsErr); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// DynamoDBProcessGroup is the process group of the DynamoDB Local this Stack
// started (0 if it started none), for tests that freeze or kill it.
func (s *Stack) DynamoDBProcessGroup() int {
	if s.dynamo == nil {
		return 0
	}
	return s.dynamo.cmd.Process.Pid
}

// SQSProcessGroup is the process group of the SQS emulator this Stack
// started (0 if it started none), for tests that freeze or kill it.
func (s *Stack) SQSProcessGroup() int {
	if s.sqs == nil {
		return 0
	}
	return s.sqs.cmd.Process.Pid
}

// Exited reports, once, a service this Stack started that exited on its own
// (nil is never sent): the local runner stops with its last output rather
// than serving errors.
func (s *Stack) Exited() <-chan error {
	ch := make(chan error, 1)
	go func() {
		var dyn, sq <-chan struct{}
		if s.dynamo != nil {
			dyn = s.dynamo.done
		}
		if s.sqs != nil {
			sq = s.sqs.done
		}
		var c *child
		select {
		case <-dyn:
			c = s.dynamo
		case <-sq:
			c = s.sqs
		}
		if !c.stopping.Load() {
			ch <- c.exitError()
		}
	}()
	return ch
}

// Stop terminates every child process (SIGTERM, then SIGKILL after 3 s) and waits for them. Safe to call twice.
// It returns an error if a service had already died on its own.
func (s *Stack) Stop() error {
	if s == nil { // lets callers defer Stop before checking Start's error
		return nil
	}
	s.stopOnce.Do(func() {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, c := range []*child{s.dynamo, s.sqs} {
			if c != nil {
				wg.Go(func() { errs[i] = c.stop() })
			}
		}
		wg.Wait()
		s.stopErr = errors.Join(errs...)
	})
	return s.stopErr
}

// syncWriter serialises progress lines from the two start goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
