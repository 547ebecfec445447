package catalog

import (
	"turnpike/shared/platform/apierr"
)

var ErrPeriodTaken = apierr.Invalid("period", "has already been taken")
