package catalog

import (
	"context"
	"sort"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// listDir reads one page of a directory-backed collection: the page's ids
// from the directory, then exactly those items by key. idOf and keyOf tie an
// item to its id and an id to its key.
func listDir[T any](ctx context.Context, s *store.Store, q *api.Request, dir string, keyOf func(int64) store.Key,
	idOf func(T) int64, name string, render func([]T) ([]*wire.Obj, error)) (api.Result, error) {
	page, per := q.PageParams()
	ids, total, err := catalog.DirPage(ctx, s, q.Tenant(), dir, page, per)
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
