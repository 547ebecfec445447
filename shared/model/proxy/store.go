package proxy

import (
	"context"
	"errors"

	"turnpike/shared/platform/store"
)

// ErrNotFound means the product has no proxy item yet.
var ErrNotFound = store.ErrNotFound

// Load reads a product's proxy item (store.ErrNotFound when it has none yet).
func Load(ctx context.Context, s *store.Store, tenant, service int64) (*Proxy, error) {
	var px Proxy
	k := Key(tenant, service)
	if err := s.Get(ctx, k.PK, k.SK, &px); err != nil {
		return nil, err
	}
	return &px, nil
}

// Ensure reads a product's proxy, creating it with New's defaults when the
// product predates gateway configuration (or was just created).
func Ensure(ctx context.Context, s *store.Store, p *Product, hitsID int64, domain string) (*Proxy, error) {
	px, err := Load(ctx, s, p.Tenant, p.ID)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return px, err
	}
	ids, err := s.NextIDs(ctx, 2)
	if err != nil {
		return nil, err
	}
	px = New(p, ids[0], ids[1], hitsID, domain, p.UpdatedAt)
	px.Rev = 1
	tx := s.Tx(p.Tenant).PutRev(px, 0)
	if err := tx.Commit(ctx); err != nil {
		if errors.Is(err, store.ErrStale) {
			return Load(ctx, s, p.Tenant, p.ID) // created concurrently
		}
		return nil, err
	}
	claimHosts(ctx, s, px, nil)
	return px, nil
}

// Save writes px if nobody wrote it since it was read.
func Save(ctx context.Context, s *store.Store, px *Proxy, before *Proxy) error {
	seen := px.Rev
	px.Rev++
	if err := s.Tx(px.Tenant).PutRev(px, seen).Commit(ctx); err != nil {
		px.Rev = seen
		return err
	}
	claimHosts(ctx, s, px, before)
	return nil
}

// HostClaim maps a public host to the product it serves; the first product
// to claim a host keeps it, as the first product registered for a host wins
// in APIcast.
type HostClaim struct {
	store.Key
	Host    string `dynamodbav:"host"`
	Tenant  int64  `dynamodbav:"tenant"`
	Service int64  `dynamodbav:"service"`
}

// HostKey is a host's claim (a global item: hosts are global).
func HostKey(host string) store.Key { return store.Key{PK: "HOST#" + host, SK: "HOST"} }

// claimHosts claims px's public hosts and releases those it no longer uses.
// Best effort: a host taken by another product stays theirs. Each claim and
// release is a change of px's tenant (it bumps its version): the gateway's
// cache of which tenant serves a host is checked against that version.
func claimHosts(ctx context.Context, s *store.Store, px, before *Proxy) {
	now := map[string]bool{}
	for _, h := range []string{Host(px.Endpoint), Host(px.SandboxEndpoint)} {
		if h == "" || now[h] {
			continue
		}
		now[h] = true
		c := &HostClaim{Key: HostKey(h), Host: h, Tenant: px.Tenant, Service: px.Service}
		_ = s.Tx(px.Tenant).Create(c, nil).Commit(ctx)
	}
	if before == nil {
		return
	}
	for _, h := range []string{Host(before.Endpoint), Host(before.SandboxEndpoint)} {
		if h == "" || now[h] {
			continue
		}
		var c HostClaim
		k := HostKey(h)
		if s.Get(ctx, k.PK, k.SK, &c) == nil && c.Tenant == px.Tenant && c.Service == px.Service {
			_ = s.Tx(px.Tenant).Delete(k.PK, k.SK).Commit(ctx)
		}
	}
}

// LookupHost finds the product claiming a host.
func LookupHost(ctx context.Context, s *store.Store, host string) (*HostClaim, error) {
	var c HostClaim
	k := HostKey(host)
	if err := s.Get(ctx, k.PK, k.SK, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
