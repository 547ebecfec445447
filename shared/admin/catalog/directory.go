package catalog

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/platform/apierr"
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
func servicesDir() string                   { return "SVC" }
func metricsDir(svc int64) string           { return "MET#" + store.ID(svc) }
func methodsDir(svc int64) string           { return "MTH#" + store.ID(svc) }
func plansDir(svc int64, typ string) string { return "PLN#" + store.ID(svc) + "#" + typ } // svc 0: the tenant's

// MetricsDir names the directory of a service's metrics and methods (for seeding).
func MetricsDir(svc int64) string { return metricsDir(svc) }

// PlansDir names the directory of a service's plans of a type, or with svc 0
// of all the tenant's plans of that type (for seeding).
func PlansDir(svc int64, typ string) string { return plansDir(svc, typ) }

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
	k := DirChunkKey(t, dir, id)
	tx.UpdateIf(k.PK, k.SK, "ADD #n :one, #ids :id", "", dirNames, map[string]types.AttributeValue{
		":one": num(1), ":id": &types.AttributeValueMemberNS{Value: []string{strconv.FormatInt(id, 10)}}}, nil)
}

// dirRemove adds to tx: id leaves the directory (it must be there).
func dirRemove(tx *store.Tx, t int64, dir string, id int64) {
	dirRemoveMany(tx, t, dir, []int64{id}, apierr.NotFound())
}

// dirRemoveMany adds to tx: ids leave the directory, one update per chunk
// (a transaction may touch an item once); all must be there, else failed.
func dirRemoveMany(tx *store.Tx, t int64, dir string, ids []int64, failed error) {
	for _, c := range DirChunks(t, dir, ids) {
		values := map[string]types.AttributeValue{":minus": num(-c.N)}
		set := make([]string, len(c.IDs))
		conds := make([]string, len(c.IDs))
		for i, id := range c.IDs {
			set[i] = strconv.FormatInt(id, 10)
			p := ":i" + strconv.Itoa(i)
			values[p] = num(id)
			conds[i] = "contains(#ids, " + p + ")"
		}
		values[":set"] = &types.AttributeValueMemberNS{Value: set}
		tx.UpdateIf(c.PK, c.SK, "ADD #n :minus DELETE #ids :set", strings.Join(conds, " AND "), dirNames, values, failed)
	}
}

var dirNames = map[string]string{"#n": "n", "#ids": "ids"}

// dirPage returns the ids on page (1-based) of perPage, in id order, and the directory's size.
func dirPage(ctx context.Context, s *store.Store, t int64, dir string, page, perPage int) ([]int64, int, error) {
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
