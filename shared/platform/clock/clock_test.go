package clock

import (
	"testing"
	"time"
)

func TestAdjustableMovesAndResets(t *testing.T) {
	var c Adjustable
	c.Advance(15 * 24 * time.Hour)
	if d := time.Until(c.Now()); d < 15*24*time.Hour-time.Minute || d > 15*24*time.Hour+time.Minute {
		t.Fatalf("advanced clock is %v ahead, want 15 days", d)
	}
	c.Reset()
	if d := time.Until(c.Now()); d > time.Second || d < -time.Second {
		t.Fatalf("reset clock is %v away from the system clock", d)
	}
}
