package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// ErrStale is the failure to register for a write conditioned on what was read
// (optimistic concurrency): Optimistic then reads and decides again.
var ErrStale = errors.New("store: item changed concurrently")

// Optimistic runs attempt (read, decide, write conditioned on the read) again
// while it fails with ErrStale, a bounded number of times.
func Optimistic(ctx context.Context, attempt func() error) error {
	var err error
	for i := 0; i < 8; i++ {
		if err = attempt(); !errors.Is(err, ErrStale) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(1+rand.IntN(5*(i+1))) * time.Millisecond):
		}
	}
	return err
}
