// Package bench holds benchmarks that run against the local stack.
package bench

import (
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
