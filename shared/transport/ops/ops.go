// Package ops is the registry of every API operation: its function name, its
// route and its handler. template.yaml is generated from it and checked
// against it, so the two cannot drift.
package ops

import (
	"net/http"
	"sort"
	"strings"

	"turnpike/shared/platform/deps"
	"turnpike/shared/transport/route"
)

// Operation is one API operation, deployed as one Lambda function.
type Operation struct {
	Name   string // function name (the TURNPIKE_FUNCTION of the shared binary) and its sample event events/<Name>.json
	Method string
	Path   string // canonical route (see package route)
	Build  func(*deps.Deps) http.Handler
}

// Handler builds the operation's handler, able to read its path variables.
func (o Operation) Handler(d *deps.Deps) http.Handler { return route.With(o.Path, o.Build(d)) }

// Routes are the API Gateway routes of the operation.
func (o Operation) Routes() []string { return route.Variants(o.Path) }

// API names the HTTP API that serves an operation: a 3scale client knows one
// base URL for the Service Management API and one for the admin and master APIs.
type API string

const (
	AdminAPI             API = "admin"
	ServiceManagementAPI API = "servicemgmt"
)

// serviceManagementPrefixes are the paths of 3scale's backend (its own host in 3scale too).
var serviceManagementPrefixes = []string{"/transactions", "/status", "/available", "/check.txt"}

// API is the HTTP API serving the operation.
func (o Operation) API() API {
	for _, p := range serviceManagementPrefixes {
		if o.Path == p || strings.HasPrefix(o.Path, p+"/") || strings.HasPrefix(o.Path, p+".") {
			return ServiceManagementAPI
		}
	}
	return AdminAPI
}

// All lists every operation, sorted by name.
func All() []Operation {
	out := append([]Operation(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find returns an operation by name.
func Find(name string) (Operation, bool) {
	for _, o := range registry {
		if o.Name == name {
			return o, true
		}
	}
	return Operation{}, false
}
