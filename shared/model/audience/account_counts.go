package audience

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// The tenant's account counts (all, and per state) live in one item that
// every transaction adding, removing or moving an account updates: listings
// read their total_entries from it instead of counting, and its version tells
// when the listings changed.
func accountCountsKey(tenant int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: "#ACCOUNTS"}
}

const countAllAccounts = "n"

func countAttr(state string) string { return "n_" + state }

// AddAccountCounts adds to tx the change of the tenant's account counts:
// delta per state (their sum also changes the count of all accounts).
func AddAccountCounts(tx *store.Tx, tenant int64, delta map[string]int64) *store.Tx {
	c := store.NewChange()
	var all int64
	for state, n := range delta {
		if n != 0 {
			c.Add(countAttr(state), n)
			all += n
		}
	}
	c.Add(countAllAccounts, all).Add("ver", 1)
	return tx.Upsert(accountCountsKey(tenant), c)
}

// accountCounts are the counts and the listing version.
type accountCounts struct{ values map[string]int64 }

// total is the number of accounts in state, or of all accounts for "".
func (c accountCounts) total(state string) int {
	if state == "" {
		return int(c.values[countAllAccounts])
	}
	return int(c.values[countAttr(state)])
}

func (c accountCounts) version() int64 { return c.values["ver"] }

// loadAccountCounts reads the counts (zero when the tenant never had an account).
func loadAccountCounts(ctx context.Context, s *store.Store, tenant int64) (accountCounts, error) {
	k := accountCountsKey(tenant)
	var raw map[string]any
	if err := s.Get(ctx, k.PK, k.SK, &raw); err != nil && !errors.Is(err, store.ErrNotFound) {
		return accountCounts{}, err
	}
	c := accountCounts{values: map[string]int64{}}
	for name, v := range raw {
		if n, ok := v.(float64); ok { // counts stay far below 2^53
			c.values[name] = int64(n)
		}
	}
	return c, nil
}
