package audience

import (
	"context"

	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

// maxTxWrites keeps a transaction under DynamoDB's 100 writes, with room for
// the configuration version bump and the contract counts of plans.
const maxTxWrites = 90

// writer packs units of writes into as few transactions as it can, in order;
// a unit (an application with its claims, a user with its claims) is never
// split. For changes too big for one transaction: each committed transaction
// leaves a consistent state, so a failed run can simply be run again.
type writer struct {
	ctx     context.Context
	s       *store.Store
	tenant  int64
	tx      *store.Tx
	release map[int64]int64 // plan → contracts ending in tx
	err     error
}

func NewWriter(ctx context.Context, s *store.Store, tenant int64) *writer {
	return &writer{ctx: ctx, s: s, tenant: tenant, tx: s.Tx(tenant), release: map[int64]int64{}}
}

// unit adds writes that commit together; each plan in plans loses one contract with them.
func (w *writer) Unit(fn func(tx *store.Tx), plans ...int64) {
	if w.err != nil {
		return
	}
	probe := w.s.Tx(0)
	fn(probe)
	n := probe.Len()
	for _, p := range plans {
		if _, ok := w.release[p]; !ok {
			n++
		}
	}
	if w.tx.Len()+len(w.release)+n > maxTxWrites && w.tx.Len() > 0 {
		if w.err = w.flush(); w.err != nil {
			return
		}
	}
	fn(w.tx)
	for _, p := range plans {
		w.release[p]++
	}
}

// flush commits the pending transaction.
func (w *writer) flush() error {
	for plan, n := range w.release {
		// Plans with contracts cannot be deleted, so the plan is there.
		w.tx.Add(catalog.PlanKey(w.tenant, plan), "contracts", -n, nil)
	}
	err := w.tx.Commit(w.ctx)
	w.tx, w.release = w.s.Tx(w.tenant), map[int64]int64{}
	return err
}

// commit writes what is pending.
func (w *writer) Commit() error {
	if w.err != nil {
		return w.err
	}
	return w.flush()
}
