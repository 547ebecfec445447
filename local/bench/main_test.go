// Package bench holds benchmarks that run against the local stack.
package bench

import (
	"os"
	"strconv"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/transport/ops"
)

func TestMain(m *testing.M) {
	// The history's stream is read in batches as the template's event source
	// mapping reads it (the tests' shorter window would cost more writes).
	if st, ok := ops.FindStream("usage-history-stream"); ok && os.Getenv("STREAM_BATCH_WINDOW") == "" {
		os.Setenv("STREAM_BATCH_WINDOW", strconv.Itoa(st.Window)+"s")
	}
	testenv.Main(m)
}
