package master

import (
	"errors"
	"net/http"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
)

// httpError maps the tenant model's outcomes to the Master API's answers, once.
func httpError(err error) error {
	var te *tenant.TransitionError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return apierr.Invalid("state", `cannot transition via "`+te.Event+`"`).WithCause(err)
	case errors.Is(err, tenant.ErrNotPurgeable):
		return apierr.Invalid("state", "must be suspended or scheduled for deletion to be purged").WithCause(err)
	case errors.Is(err, tenant.ErrPurgeRunning):
		return apierr.Conflict("a purge of this tenant is already running").WithCause(err)
	case errors.Is(err, store.ErrNotFound):
		return apierr.NotFound().WithCause(err)
	case errors.Is(err, store.ErrStale):
		return (&apierr.Error{HTTP: http.StatusConflict, Kind: apierr.KindEmpty, Public: "changed concurrently"}).WithCause(err)
	}
	return err
}
