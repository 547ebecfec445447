package tenant

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/store"
)

// The purge erases every item of a tenant in every table: the items of its
// partition of the entities table (T#<tenant>: everything it owns, claims
// included), the global items they point to (access token and service token
// lookups, the provider key lookup, the subdomain claim), its applications'
// usage counters, and its usage history and integration errors (found through
// the usage table's ByTenant index). Nothing is scanned: each step reads the
// first page of what is left, so the cost follows the tenant's size, and a run
// stopped at any point is finished by the next one. The tenant record goes
// last, with the queue entry, in one transaction that writes the audit record.

// BatchSize is how many items of one kind a batch erases.
const BatchSize = 25

// PurgeOptions tune a purge run.
type PurgeOptions struct {
	DryRun bool // count what would go, erase nothing
	// MaxBatches stops the run after that many batches (0: no bound); the next
	// run goes on where it stopped.
	MaxBatches int
	By         string // who runs it ("schedule", "master")
	Now        time.Time
	// AfterBatch, when set, is called after each batch is erased and
	// recorded, with the tenant and how many batches this run erased of it.
	AfterBatch func(tenant int64, batches int)
	// Lease is how long the run holds a tenant's purge between two batches
	// (0: PurgeLease), after which a run that died is taken over.
	Lease time.Duration
}

// PurgeReport is what a run erased (or, dry, would erase).
type PurgeReport struct {
	Tenant int64
	Done   bool // everything is gone (always false for a dry run)
	// Batches is how many batches this run erased.
	Batches int
	Counts  map[string]int64
	Audit   *Audit // the audit record, once done
}

// ErrNotPurgeable means the tenant is in use: only a suspended tenant or one
// scheduled for deletion may be erased.
var ErrNotPurgeable = errors.New("tenant: not suspended nor scheduled for deletion")

// RequestPurge marks a tenant for erasure at once and queues it; the caller
// then runs the purge (or leaves it to the schedule).
func RequestPurge(ctx context.Context, s *store.Store, id int64, by string, now time.Time) (*Tenant, error) {
	return Change(ctx, s, id, by, func(t *Tenant) error {
		if !t.Purgeable() {
			return ErrNotPurgeable
		}
		if t.PurgeRequestedAt.IsZero() {
			t.PurgeRequestedAt, t.UpdatedAt = now, now
		}
		return nil
	})
}

// Purge runs the erasure of one tenant that is due (or counts it, dry).
func Purge(ctx context.Context, s *store.Store, id int64, o PurgeOptions) (*PurgeReport, error) {
	t, err := Load(ctx, s, id)
	if err != nil {
		return nil, err
	}
	if !t.Purgeable() {
		return nil, ErrNotPurgeable
	}
	if o.DryRun {
		return dryRun(ctx, s, t)
	}
	e, err := queued(ctx, s, t)
	if err != nil {
		return nil, err
	}
	if e == nil || e.Due.After(o.Now) {
		return nil, ErrNotDue
	}
	p := &purge{s: s, t: t, entry: e, counts: map[string]int64{}, max: o.MaxBatches, after: o.AfterBatch, holder: credential.Random(8), lease: o.Lease}
	if p.lease <= 0 {
		p.lease = PurgeLease
	}
	if err := p.claim(ctx); err != nil {
		return nil, err
	}
	done, err := p.run(ctx)
	if err != nil {
		return nil, err
	}
	rep := &PurgeReport{Tenant: id, Counts: p.total(), Batches: p.batches}
	if !done {
		return rep, p.release(ctx)
	}
	a, err := p.finish(ctx, o)
	if err != nil {
		return nil, err
	}
	rep.Done, rep.Counts, rep.Audit = true, a.Counts, a
	return rep, nil
}

// ErrNotDue means the tenant's deletion date has not come yet.
var ErrNotDue = errors.New("tenant: deletion date not reached")

type purge struct {
	s       *store.Store
	t       *Tenant
	entry   *QueueEntry
	counts  map[string]int64 // erased by this run
	batches int
	max     int
	after   func(tenant int64, batches int)
	holder  string        // this run, holding the lease of the queue entry
	lease   time.Duration // how long a claim or a renewal holds
}

func (p *purge) budget() bool { return p.max == 0 || p.batches < p.max }

// total is what every run so far erased.
func (p *purge) total() map[string]int64 {
	out := map[string]int64{}
	for k, v := range p.entry.Counts {
		out[k] += v
	}
	for k, v := range p.counts {
		out[k] += v
	}
	return out
}

// run erases batches until nothing but the tenant record is left (true) or
// the budget is spent (false). After each batch the queue entry records the
// counts so far, so the audit record adds up every run.
func (p *purge) run(ctx context.Context) (bool, error) {
	for p.budget() {
		n, err := p.usageBatch(ctx)
		if err != nil {
			return false, err
		}
		if n == 0 {
			if n, err = p.entityBatch(ctx); err != nil {
				return false, err
			}
		}
		if n == 0 {
			return true, nil
		}
		p.batches++
		if err := p.record(ctx); err != nil {
			return false, err
		}
		if p.after != nil {
			p.after(p.t.ID, p.batches)
		}
	}
	return false, nil
}

// record keeps the counts so far on the queue entry and renews the lease,
// provided this run still holds it.
func (p *purge) record(ctx context.Context) error {
	e := *p.entry
	e.Counts, e.LeaseUntil = p.total(), p.leaseUntil()
	return p.s.Tx(0).PutIf(&e, store.Is("holder", p.holder), ErrPurgeRunning).Commit(ctx)
}

func (p *purge) add(kind string, n int) { p.counts[kind] += int64(n) }

// usageBatch erases a batch of the tenant's usage history and integration errors.
func (p *purge) usageBatch(ctx context.Context) (int, error) {
	keys, _, err := p.s.UsageKeys(ctx, p.t.ID, nil, BatchSize)
	if err != nil || len(keys) == 0 {
		return 0, err
	}
	if err := p.s.Erase(ctx, store.UsageTable, keys); err != nil {
		return 0, err
	}
	for _, k := range keys {
		p.add(usageKind(k), 1)
	}
	return len(keys), nil
}

func usageKind(k store.Key) string {
	if strings.Contains(k.PK, "#ERR#") {
		return "integration_error"
	}
	return "usage_history"
}

// entityBatch erases a batch of the tenant's partition, after the items
// outside it they point to (so a stop in between leaves the pointers to
// follow again).
func (p *purge) entityBatch(ctx context.Context) (int, error) {
	items, _, err := p.s.Items(ctx, store.TenantPK(p.t.ID), nil, BatchSize+1)
	if err != nil {
		return 0, err
	}
	var own, global, counters []store.Key
	for _, it := range items {
		k := store.Key{PK: it.Str("PK"), SK: it.Str("SK")}
		if k.SK == store.TenantSK {
			continue // last, with the audit record
		}
		if len(own) == BatchSize {
			break
		}
		own = append(own, k)
		p.add(entityKind(k.SK), 1)
		switch ext, kind := pointsTo(p.t.ID, it); kind {
		case "":
		case "counter":
			counters = append(counters, ext)
			p.add(kind, 1)
		default:
			global = append(global, ext)
			p.add(kind, 1)
		}
	}
	if len(own) == 0 {
		return 0, nil
	}
	if err := p.s.Erase(ctx, store.CountersTable, counters); err != nil {
		return 0, err
	}
	if err := p.s.Erase(ctx, store.EntitiesTable, global); err != nil {
		return 0, err
	}
	if err := p.s.Erase(ctx, store.EntitiesTable, own); err != nil {
		return 0, err
	}
	return len(own), nil
}

// entityKind names an item of the tenant's partition by its sort key's kind
// ("APP#…" → "app", "#SETTINGS" → "settings", "UNIQ#email#…" → "uniq_email").
func entityKind(sk string) string {
	sk = strings.TrimPrefix(sk, "#")
	parts := strings.SplitN(sk, "#", 3)
	kind := strings.ToLower(parts[0])
	if kind == "uniq" && len(parts) > 1 {
		kind += "_" + strings.ToLower(parts[1])
	}
	return kind
}

// pointsTo is the item outside the partition an item of it points to, and its kind.
func pointsTo(tenant int64, it store.RawItem) (store.Key, string) {
	sk := it.Str("SK")
	switch {
	case strings.HasPrefix(sk, "APP#"):
		return store.Key{PK: counter.Key(tenant, it.Num("id"))}, "counter"
	case strings.HasPrefix(sk, "TOK#") && it.Str("digest") != "":
		return store.Key{PK: it.Str("digest"), SK: "#"}, "access_token_lookup"
	case strings.HasPrefix(sk, "STOK#") && it.Str("value") != "":
		return credential.ServiceTokenKey(it.Str("value"), it.Num("service")), "service_token_lookup"
	}
	return store.Key{}, ""
}

// finish erases the tenant record, its provider key lookup, its subdomain
// claim and its queue entry, and writes the audit record, in one transaction.
func (p *purge) finish(ctx context.Context, o PurgeOptions) (*Audit, error) {
	counts := p.total()
	counts["tenant"]++
	counts["provider_key_lookup"]++
	counts["subdomain_claim"]++
	a := &Audit{Key: auditKey(o.Now, p.t.ID), Tenant: p.t.ID, OrgName: p.t.OrgName, Subdomain: p.t.Subdomain,
		RequestedBy: p.entry.RequestedBy, RequestedAt: p.entry.RequestedAt, PurgedBy: o.By, PurgedAt: o.Now, Counts: counts}
	pk := credential.ProviderKeyKey(p.t.ProviderKey)
	sub := SubdomainKey(p.t.Subdomain)
	tk := Key(p.t.ID)
	tx := p.s.Tx(0).
		Delete(pk.PK, pk.SK).
		Delete(sub.PK, sub.SK).
		DeleteIf(p.entry.Key, store.Is("holder", p.holder), ErrPurgeRunning).
		Delete(tk.PK, tk.SK).
		Create(a, nil)
	if err := tx.Commit(ctx); err != nil {
		if errors.Is(err, ErrPurgeRunning) {
			return nil, err
		}
		return nil, fmt.Errorf("tenant: finish purge of %d: %w", p.t.ID, err)
	}
	return a, nil
}

// dryRun counts what a purge would erase, walking with cursors and erasing nothing.
func dryRun(ctx context.Context, s *store.Store, t *Tenant) (*PurgeReport, error) {
	counts := map[string]int64{"tenant": 1, "provider_key_lookup": 1, "subdomain_claim": 1}
	var from store.Cursor
	for {
		keys, next, err := s.UsageKeys(ctx, t.ID, from, 500)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			counts[usageKind(k)]++
		}
		if from = next; from == nil {
			break
		}
	}
	for {
		items, next, err := s.Items(ctx, store.TenantPK(t.ID), from, 500)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			sk := it.Str("SK")
			if sk == store.TenantSK {
				continue
			}
			counts[entityKind(sk)]++
			if _, kind := pointsTo(t.ID, it); kind != "" {
				counts[kind]++
			}
		}
		if from = next; from == nil {
			break
		}
	}
	return &PurgeReport{Tenant: t.ID, Counts: counts}, nil
}
