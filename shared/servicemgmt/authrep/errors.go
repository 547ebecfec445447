// Package authrep is the Service Management API: the calls gateways and code
// plugins make on every API request (authorize, authrep, report), answered
// with 3scale's exact wire format.
package authrep

import (
	"errors"
	"log/slog"
	"net/http"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
	"turnpike/shared/servicemgmt/usage"
)

// ContentType is the Service Management API's media type.
const ContentType = "application/vnd.3scale-v2.0+xml"

func commonHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", ContentType)
	cors(h)
}

// publicError is the answer an error gets: an API error as it is, a missing
// item (store.ErrNotFound) a 404, anything else a 500 whose cause is only
// logged. The one place the Service Management API maps a storage outcome.
func publicError(err error) *apierr.Error {
	var e *apierr.Error
	if !errors.As(err, &e) && errors.Is(err, store.ErrNotFound) {
		return apierr.NotFound().WithCause(err)
	}
	return apierr.As(err)
}

// writeError renders <error code="...">msg</error> (or nothing, with no_body).
func writeError(w http.ResponseWriter, e *apierr.Error, noBody bool) {
	if e.HTTP >= 500 {
		slog.Error("service management request failed", "status", e.HTTP, "error", e.Error())
	}
	commonHeaders(w)
	w.WriteHeader(e.HTTP)
	if noBody || e.Kind == apierr.KindEmpty {
		return
	}
	code := e.Code
	if code == "" {
		code = "internal_error"
	}
	// Builder escapes text (& < >) but 3scale puts the code attribute verbatim.
	w.Write([]byte(wire.XMLHeader + `<error code="` + code + `">` + escapeText(e.Public) + `</error>`))
}

var textEscaper = newTextEscaper()

func escapeText(s string) string { return textEscaper.Replace(s) }

// Errors of the Service Management API, with 3scale's codes, statuses and texts.
func errBadRequest(msg string) *apierr.Error { return apierr.Coded(400, "bad_request", msg) }
func errNotValidData() *apierr.Error {
	return apierr.Coded(422, "not_valid_data", "all data must be valid UTF8")
}
func errCredentialsRequired() *apierr.Error {
	return apierr.Coded(403, "provider_key_or_service_token_required", "Provider key or service token are required")
}
func errServiceIDMissing() *apierr.Error {
	return apierr.Coded(422, "service_id_missing", "Service ID is missing")
}
func errServiceTokenInvalid(token, sid string) *apierr.Error {
	return apierr.Coded(403, "service_token_invalid", `service token "`+token+`" or service id "`+sid+`" is invalid`)
}
func errEndUsers() *apierr.Error {
	return apierr.Coded(400, "end_users_no_longer_supported", "End-users are no longer supported, do not specify the user_id parameter")
}
func errProviderKeyOrService(pk string) *apierr.Error {
	return apierr.Coded(403, "provider_key_invalid_or_service_missing", `provider key "`+pk+`" invalid and/or service ID missing`)
}
func errProviderKeyInvalid(pk string) *apierr.Error {
	return apierr.Coded(403, "provider_key_invalid", `provider key "`+pk+`" is invalid`)
}
func errServiceIDInvalid(sid string) *apierr.Error {
	return apierr.Coded(403, "service_id_invalid", `service id "`+sid+`" is invalid`)
}
func errBothCredentials() *apierr.Error {
	return apierr.Coded(403, "authentication_error", usage.BothCredentials)
}
func errUserKeyInvalid(uk string) *apierr.Error {
	return apierr.Coded(403, "user_key_invalid", usage.UserKeyInvalid(uk))
}
func errAppNotFound(id string) *apierr.Error {
	return apierr.Coded(404, "application_not_found", usage.AppNotFound(id))
}
func errMetricInvalid(m string) *apierr.Error {
	return apierr.Coded(404, "metric_invalid", usage.MetricInvalid(m))
}
func errUsageValueInvalid(m, v string) *apierr.Error {
	return apierr.Coded(403, "usage_value_invalid", usage.UsageValueInvalid(m, v))
}

// errUsageNotHash is Sinatra's bare halt 403: no body at all.
func errUsageNotHash() *apierr.Error {
	return &apierr.Error{HTTP: 403, Kind: apierr.KindEmpty, Public: "usage is not a hash"}
}
