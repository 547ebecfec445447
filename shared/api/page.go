package api

import "strconv"

// MaxPerPage is 3scale's page size limit and default.
const MaxPerPage = 500

// PageParams reads page and per_page as 3scale does: values out of range or
// not numbers silently fall back to the defaults (page 1, 500 per page).
func (q *Request) PageParams() (page, perPage int) {
	page, perPage = 1, MaxPerPage
	if s, ok := q.Params.String("page"); ok {
		if n, err := strconv.Atoi(s); err == nil && n >= 1 {
			page = min(n, 1<<30) // far past any collection, and no overflow of page × per_page
		}
	}
	if s, ok := q.Params.String("per_page"); ok {
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= MaxPerPage {
			perPage = n
		}
	}
	return page, perPage
}
