package api

import (
	"net/http"

	"turnpike/shared/platform/wire"
)

// Result is what a handler answers on success.
type Result struct {
	Status int
	Obj    *wire.Obj
	List   *wire.List
}

// OK answers 200 with a resource.
func OK(o *wire.Obj) Result { return Result{Status: http.StatusOK, Obj: o} }

// Created answers 201 with the new resource.
func Created(o *wire.Obj) Result { return Result{Status: http.StatusCreated, Obj: o} }

// Listed answers 200 with a collection.
func Listed(l *wire.List) Result { return Result{Status: http.StatusOK, List: l} }

// Deleted answers 200 with an empty body, as 3scale does (not 204).
func Deleted() Result { return Result{Status: http.StatusOK} }
