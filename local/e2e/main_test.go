// Package e2e holds the black-box tests: every behaviour a user can observe,
// proved over HTTP against the real DynamoDB Local through the Lambda entry path.
package e2e

import (
	"testing"

	"turnpike/shared/localdev/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
