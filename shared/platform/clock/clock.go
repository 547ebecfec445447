// Package clock is the time every rule that depends on time reads: periods,
// deletion dates, retry schedules. Production reads the system time (deps.New);
// tests and the local runner use an Adjustable clock they can move forward.
package clock

import (
	"sync/atomic"
	"time"
)

// Adjustable is the system clock shifted by an offset that tests move; safe
// for concurrent use. The zero value runs with the system clock.
type Adjustable struct{ offset atomic.Int64 }

// Now is the system time plus the offset.
func (a *Adjustable) Now() time.Time {
	return time.Now().Add(time.Duration(a.offset.Load())).UTC()
}

// Advance moves the clock forward (or back, for a negative d).
func (a *Adjustable) Advance(d time.Duration) { a.offset.Add(int64(d)) }

// Reset returns the clock to the system time.
func (a *Adjustable) Reset() { a.offset.Store(0) }
