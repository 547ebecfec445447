package provider

import (
	"errors"
	"net/http"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
)

// changeError maps what changing the tenant's account can meet to the API's
// answer (a missing tenant is the edge's 404).
func changeError(err error) error {
	if errors.Is(err, tenant.ErrChanged) {
		return (&apierr.Error{HTTP: http.StatusConflict, Kind: apierr.KindEmpty, Public: "changed concurrently"}).WithCause(err)
	}
	return err
}
