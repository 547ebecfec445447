package api

import (
	"strconv"
	"strings"

	"turnpike/shared/platform/params"
)

// MaxPerPage is 3scale's page size limit and default.
const MaxPerPage = 500

// PageParams reads page and per_page as 3scale does: values out of range or
// not numbers silently fall back to the defaults (page 1, 500 per page).
func (q *Request) PageParams() (page, perPage int) {
	page, perPage = 1, MaxPerPage
	if n, ok := q.positive("page"); ok {
		page = min(n, 1<<30) // far past any collection, and no overflow of page × per_page
	}
	if n, ok := q.positive("per_page"); ok && n <= MaxPerPage {
		perPage = n
	}
	return page, perPage
}

// positive reads a whole number of at least 1, trimmed; false otherwise.
func (q *Request) positive(name string) (int, bool) {
	v, ok := q.Value(name)
	if !ok || v == nil || v.Kind != params.String {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Str))
	return n, err == nil && n >= 1
}
