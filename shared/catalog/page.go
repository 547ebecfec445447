package catalog

import (
	"context"
	"sort"

	"turnpike/shared/api"
	"turnpike/shared/store"
	"turnpike/shared/wire"
)

// listPage reads one page of a Query and renders it as the collection name.
func listPage[T any](ctx context.Context, s *store.Store, q *api.Request, query store.Query, name string, render func([]T) ([]*wire.Obj, error)) (api.Result, error) {
	page, per := q.PageParams()
	var items []T
	total, err := s.Page(ctx, query, page, per, &items)
	if err != nil {
		return api.Result{}, err
	}
	objs, err := render(items)
	if err != nil {
		return api.Result{}, err
	}
	return api.Listed(&wire.List{Name: name, Items: objs, Page: &wire.Page{Number: page, PerPage: per, Total: total}}), nil
}

// listDir reads one page of a directory-backed collection: the page's ids
// from the directory, then exactly those items by key. idOf and keyOf tie an
// item to its id and an id to its key.
func listDir[T any](ctx context.Context, s *store.Store, q *api.Request, dir string, keyOf func(int64) store.Key,
	idOf func(T) int64, name string, render func([]T) ([]*wire.Obj, error)) (api.Result, error) {
	page, per := q.PageParams()
	ids, total, err := dirPage(ctx, s, q.Tenant(), dir, page, per)
	if err != nil {
		return api.Result{}, err
	}
	keys := make([]store.Key, len(ids))
	for i, id := range ids {
		keys[i] = keyOf(id)
	}
	var items []T
	if err := s.GetMany(ctx, keys, &items); err != nil {
		return api.Result{}, err
	}
	sort.Slice(items, func(i, j int) bool { return idOf(items[i]) < idOf(items[j]) })
	objs, err := render(items)
	if err != nil {
		return api.Result{}, err
	}
	return api.Listed(&wire.List{Name: name, Items: objs, Page: &wire.Page{Number: page, PerPage: per, Total: total}}), nil
}

// each renders items one by one.
func each[T any](f func(T) *wire.Obj) func([]T) ([]*wire.Obj, error) {
	return func(items []T) ([]*wire.Obj, error) {
		out := make([]*wire.Obj, len(items))
		for i, it := range items {
			out[i] = f(it)
		}
		return out, nil
	}
}
