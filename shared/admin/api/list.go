package api

import (
	"context"

	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ListQuery answers one page of a Query's items (page and per_page from the
// request), rendered by render, as the collection name.
func ListQuery[T any](ctx context.Context, s *store.Store, q *Request, query store.Query, name string, render func([]T) ([]*wire.Obj, error)) (Result, error) {
	page, per := q.PageParams()
	var items []T
	total, err := s.Page(ctx, query, page, per, &items)
	if err != nil {
		return Result{}, err
	}
	objs, err := render(items)
	if err != nil {
		return Result{}, err
	}
	return Listed(&wire.List{Name: name, Items: objs, Page: &wire.Page{Number: page, PerPage: per, Total: total}}), nil
}

// Each renders items one by one.
func Each[T any](f func(T) *wire.Obj) func([]T) ([]*wire.Obj, error) {
	return func(items []T) ([]*wire.Obj, error) {
		out := make([]*wire.Obj, len(items))
		for i, it := range items {
			out[i] = f(it)
		}
		return out, nil
	}
}
