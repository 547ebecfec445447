// Package e2ewebhooks proves webhooks end to end: the local stack, a real
// HTTP receiver on loopback, and the clock moved forward so the retry
// schedule runs in seconds. It has its own stack (its own clock), apart from
// local/e2e, whose tests run in parallel and must not see the clock jump.
package e2ewebhooks

import (
	"os"
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestMain(m *testing.M) {
	// The queue holds a failed event back 1 s instead of a minute; the schedule
	// itself (60 s between attempts) follows the clock the tests move.
	os.Setenv("WEBHOOK_RETRY_DELAY", "1s")
	os.Setenv("WEBHOOK_TIMEOUT", "1s")
	testenv.Main(m)
}
