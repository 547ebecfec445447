// Package rie runs every function of template.yaml under AWS's Lambda Runtime
// Interface Emulator, against a local stack of its own: the sample events'
// fixture ids are those of a fresh store, and no other test shares it.
package rie

import (
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
