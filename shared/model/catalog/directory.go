package catalog

import (
	"context"
	"sort"

	"turnpike/shared/platform/store"
)

// A directory lists the ids of a large collection (services, metrics,
// methods, plans) so that page N is found without reading the collection:
// DynamoDB cannot skip to the N-th item of a Query, and walking 10 000 items
// to reach the last page costs about a second on DynamoDB Local. The ids are
// kept as number sets in chunk items, one per span of chunkSpan ids, each
// with its count; every create and delete of a member updates its chunk in
// the same transaction, so a directory is exactly its collection. A page
// reads the chunk items (one Query, a few bytes per id) and then exactly
// the page's items by key.
type DirChunk struct {
	store.Key
	N   int64   `dynamodbav:"n"`
	IDs []int64 `dynamodbav:"ids,numberset,omitempty"`
}

// chunkSpan is the id span of one chunk: at most 1000 ids, a few KB.
const chunkSpan = 1000

// Directory names.
func ServicesDir() string                   { return "SVC" }
func MetricsDir(svc int64) string           { return "MET#" + store.ID(svc) }
func MethodsDir(svc int64) string           { return "MTH#" + store.ID(svc) }
func PlansDir(svc int64, typ string) string { return "PLN#" + store.ID(svc) + "#" + typ } // svc 0: the tenant's

func dirPrefix(dir string) string { return "DIR#" + dir + "#" }

// DirChunkKey is the key of the chunk holding id.
func DirChunkKey(t int64, dir string, id int64) store.Key {
	return store.Key{PK: store.TenantPK(t), SK: dirPrefix(dir) + store.ID(id/chunkSpan)}
}

// DirChunks builds the chunk items of a directory holding ids (for seeding).
func DirChunks(t int64, dir string, ids []int64) []*DirChunk {
	by := map[store.Key]*DirChunk{}
	var out []*DirChunk
	for _, id := range ids {
		k := DirChunkKey(t, dir, id)
		c := by[k]
		if c == nil {
			c = &DirChunk{Key: k}
			by[k] = c
			out = append(out, c)
		}
		c.N++
		c.IDs = append(c.IDs, id)
	}
	return out
}

// dirAdd adds to tx: id joins the directory.
func dirAdd(tx *store.Tx, t int64, dir string, id int64) {
	tx.Upsert(DirChunkKey(t, dir, id), store.NewChange().Add("n", 1).AddIDs("ids", id))
}

// DirRemove adds to tx: id leaves the directory (it must be there).
func DirRemove(tx *store.Tx, t int64, dir string, id int64) {
	DirRemoveMany(tx, t, dir, []int64{id}, store.ErrNotFound)
}

// DirRemoveMany adds to tx: ids leave the directory, one update per chunk
// (a transaction may touch an item once); all must be there, else failed.
func DirRemoveMany(tx *store.Tx, t int64, dir string, ids []int64, failed error) {
	for _, c := range DirChunks(t, dir, ids) {
		var all store.Cond
		for _, id := range c.IDs {
			all = all.And(store.HoldsID("ids", id))
		}
		tx.UpdateIf(c.Key, store.NewChange().Add("n", -c.N).DeleteIDs("ids", c.IDs...), all, failed)
	}
}

// DirPage returns the ids on page (1-based) of perPage, in id order, and the directory's size.
func DirPage(ctx context.Context, s *store.Store, t int64, dir string, page, perPage int) ([]int64, int, error) {
	var chunks []*DirChunk
	if err := s.All(ctx, store.Query{PK: store.TenantPK(t), Prefix: dirPrefix(dir)}, &chunks); err != nil {
		return nil, 0, err
	}
	total := 0
	for _, c := range chunks {
		total += int(c.N)
	}
	skip := (page - 1) * perPage
	var ids []int64
	for _, c := range chunks { // in sort key order, that is chunk order
		if len(ids) >= perPage {
			break
		}
		if skip >= int(c.N) {
			skip -= int(c.N)
			continue
		}
		in := append([]int64(nil), c.IDs...)
		sort.Slice(in, func(i, j int) bool { return in[i] < in[j] })
		in = in[min(skip, len(in)):]
		skip = 0
		ids = append(ids, in[:min(len(in), perPage-len(ids))]...)
	}
	return ids, total, nil
}
