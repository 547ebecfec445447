package audience

import (
	"context"
	"sync"

	"turnpike/shared/platform/store"
)

// Listing pages by number would mean walking every account before the page.
// Instead, each page served remembers where the next one starts, for the
// version of the listings it was read at (the counts item's version grows
// with every account added, removed or moved), so a client walking the pages
// in order costs one Query per page; a page asked for out of order walks keys
// to its start once.
type pageKey struct {
	tenant        int64
	state         string
	perPage, page int
	version       int64
}

var pageStarts = struct {
	sync.Mutex
	m map[pageKey]store.Cursor
}{m: map[pageKey]store.Cursor{}}

// maxPageStarts bounds the memory a process spends on remembered pages.
const maxPageStarts = 4096

func rememberPageStart(k pageKey, c store.Cursor) {
	pageStarts.Lock()
	defer pageStarts.Unlock()
	if len(pageStarts.m) >= maxPageStarts {
		clear(pageStarts.m)
	}
	pageStarts.m[k] = c
}

func pageStart(k pageKey) (store.Cursor, bool) {
	pageStarts.Lock()
	defer pageStarts.Unlock()
	c, ok := pageStarts.m[k]
	return c, ok
}

// AccountPage reads one page of the tenant's accounts (in one state, or all
// for "") and their total.
func AccountPage(ctx context.Context, s *store.Store, tenant int64, state string, page, perPage int) ([]*Account, int, error) {
	counts, err := loadAccountCounts(ctx, s, tenant)
	if err != nil {
		return nil, 0, err
	}
	total := counts.total(state)
	accounts := []*Account{}
	if (page-1)*perPage >= total {
		return accounts, total, nil
	}
	sel := store.Query{PK: store.TenantPK(tenant), Prefix: AccountPrefix}
	if state != "" {
		sel = store.Query{Index: store.GSI1, PK: AccountsInState(tenant, state)}
	}
	k := pageKey{tenant: tenant, state: state, perPage: perPage, page: page, version: counts.version()}
	start, ok := pageStart(k)
	if !ok && page > 1 {
		if start, ok, err = s.Skip(ctx, sel, (page-1)*perPage); err != nil || !ok {
			return accounts, total, err
		}
	}
	next, err := s.PageAt(ctx, sel, start, perPage, &accounts)
	if err != nil {
		return nil, 0, err
	}
	if next != nil {
		k.page++
		rememberPageStart(k, next)
	}
	return accounts, total, nil
}
