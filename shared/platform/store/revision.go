package store

// PutRev writes an item whose "rev" attribute counts its writes: seen is the
// revision that was read (0 = the item must not exist yet). A concurrent
// writer makes Commit return ErrStale.
func (t *Tx) PutRev(item any, seen int64) *Tx {
	if seen == 0 {
		return t.PutIf(item, Absent(), ErrStale)
	}
	return t.PutIf(item, Is("rev", seen), ErrStale)
}

// PutIfNewer writes an item carrying a "ver" attribute unless the stored one
// has a version at least as high; Commit then returns ErrStale.
func (t *Tx) PutIfNewer(item any, version int64) *Tx {
	return t.PutIf(item, Absent().Or(Cond{name("ver").LessThan(value(version))}), ErrStale)
}
