package store

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// PutRev writes an item whose "rev" attribute counts its writes: seen is the
// revision that was read (0 = the item must not exist yet). A concurrent
// writer makes Commit return ErrStale.
func (t *Tx) PutRev(item any, seen int64) *Tx {
	if seen == 0 {
		return t.put(item, "attribute_not_exists(PK)", nil, ErrStale)
	}
	return t.put(item, "rev = :seen", map[string]types.AttributeValue{
		":seen": &types.AttributeValueMemberN{Value: strconv.FormatInt(seen, 10)}}, ErrStale)
}

// PutIfNewer writes an item carrying a "ver" attribute unless the stored
// one has a version at least as high; Commit then returns ErrStale.
func (t *Tx) PutIfNewer(item any, version int64) *Tx {
	return t.put(item, "attribute_not_exists(PK) OR ver < :v", map[string]types.AttributeValue{
		":v": &types.AttributeValueMemberN{Value: strconv.FormatInt(version, 10)}}, ErrStale)
}
