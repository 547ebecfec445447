// Package apierr carries an API error: what the caller is told (status, public
// message, field errors) separately from the internal cause, which is only logged.
package apierr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Kind selects the body shape 3scale uses for an error.
type Kind int

const (
	// KindMessage renders {"error":"msg"} / <error>msg</error>.
	KindMessage Kind = iota
	// KindStatus renders {"status":"msg"} / an empty XML body (3scale's 404 and CanCan 403).
	KindStatus
	// KindFields renders {"errors":{"field":["msg"]}} / <errors><error>Field msg</error></errors>.
	KindFields
	// KindCoded renders the Service Management API's <error code="code">msg</error>.
	KindCoded
	// KindEmpty renders no body at all.
	KindEmpty
	// KindDocument renders a body prepared per format (JSON, XML), for error
	// documents with nested objects such as 3scale's InvalidTransition answer.
	KindDocument
)

// Error is an error with a public face.
type Error struct {
	HTTP   int
	Kind   Kind
	Code   string              // machine code (Coded errors; rejection reason)
	Public string              // public message
	Fields map[string][]string // field errors (Fields kind), rendered in Order
	Order  []string            // field order for stable rendering
	Cause  error               // internal cause; never rendered
	JSON   []byte              // Document kind: the JSON body
	XML    []byte              // Document kind: the XML body
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%d %s: %v", e.HTTP, e.Public, e.Cause)
	}
	return fmt.Sprintf("%d %s", e.HTTP, e.Public)
}

func (e *Error) Unwrap() error { return e.Cause }

// WithCause returns a copy carrying an internal cause.
func (e *Error) WithCause(err error) *Error {
	c := *e
	c.Cause = err
	return &c
}

// As extracts an *Error; any other error becomes an internal error whose
// cause is kept for the log and whose public face says nothing.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return Unavailable(err) // a dependency did not answer within the request's deadline
	}
	return Internal(err)
}

// Internal is a 500 whose cause is logged, never shown.
func Internal(cause error) *Error {
	return &Error{HTTP: http.StatusInternalServerError, Kind: KindMessage, Public: "Internal error", Cause: cause}
}

// Unavailable is a 503 for a dependency that is down or throttling.
func Unavailable(cause error) *Error {
	return &Error{HTTP: http.StatusServiceUnavailable, Kind: KindMessage, Public: "Service temporarily unavailable, retry", Cause: cause}
}

// AccessDenied is 3scale's answer to missing or wrong credentials.
func AccessDenied() *Error {
	return &Error{HTTP: http.StatusForbidden, Kind: KindMessage, Public: "Access denied"}
}

// NoPermission is the answer to a token without the scope, or a read-only token that writes.
func NoPermission() *Error {
	return &Error{HTTP: http.StatusForbidden, Kind: KindMessage, Public: "Your access token does not have the correct permissions"}
}

// NotFound is 3scale's 404.
func NotFound() *Error {
	return &Error{HTTP: http.StatusNotFound, Kind: KindStatus, Public: "Not found"}
}

// Msg is an error rendered as {"error": msg}.
func Msg(status int, msg string) *Error {
	return &Error{HTTP: status, Kind: KindMessage, Public: msg}
}

// BadRequest is a 400 {"error": msg}.
func BadRequest(msg string) *Error { return Msg(http.StatusBadRequest, msg) }

// Invalid is a 422 with one field error; chain Add for more.
func Invalid(field, msg string) *Error {
	e := &Error{HTTP: http.StatusUnprocessableEntity, Kind: KindFields, Public: "Validation failed"}
	return e.Add(field, msg)
}

// Refused is a 403 with field errors: 3scale's answer when a record refuses deletion.
func Refused(field, msg string) *Error {
	e := Invalid(field, msg)
	e.HTTP = http.StatusForbidden
	return e
}

// Add appends a field error.
func (e *Error) Add(field, msg string) *Error {
	if e.Fields == nil {
		e.Fields = map[string][]string{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Order = append(e.Order, field)
	}
	e.Fields[field] = append(e.Fields[field], msg)
	return e
}

// Coded is a Service Management API error: <error code="code">msg</error>.
func Coded(status int, code, msg string) *Error {
	return &Error{HTTP: status, Kind: KindCoded, Code: code, Public: msg}
}

// Validation collects field errors; Err returns nil when there are none.
type Validation struct{ e *Error }

// Add records one field error.
func (v *Validation) Add(field, msg string) {
	if v.e == nil {
		v.e = &Error{HTTP: http.StatusUnprocessableEntity, Kind: KindFields, Public: "Validation failed"}
	}
	v.e.Add(field, msg)
}

// Err is the collected error, or nil.
func (v *Validation) Err() error {
	if v.e == nil {
		return nil
	}
	return v.e
}

// Conflict is a 409 {"error": msg}: a change that raced with another one; the
// client may try again.
func Conflict(msg string) *Error { return Msg(http.StatusConflict, msg) }
