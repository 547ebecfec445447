package authrep

import (
	"context"
	"net/http"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// Decision is the answer of an authrep made in-process.
type Decision struct {
	// Status is what GET /transactions/authrep.xml would answer: 200 authorized
	// (and counted), 409 denied, 403/404/422 for bad credentials or usage.
	Status int
	// Headers carry 3scale-rejection-reason and the 3scale-limit-* headers.
	Headers http.Header
}

// Caller runs authreps in-process, with the state the hot path keeps for the
// life of the process (its configuration cache); build one per process with
// NewCaller.
type Caller struct {
	d  *deps.Deps
	ca *cache
}

// NewCaller builds the in-process authrep of a composition root.
func NewCaller(d *deps.Deps) *Caller {
	return &Caller{d: d, ca: &cache{c: d.Config}}
}

// Call runs one authrep in-process, as a gateway calls it with
// "3scale-options: rejection_reason_header=1&limit_headers=1&no_body=1":
// the same engine, counters and usage history as the HTTP endpoint, without
// the HTTP hop. rawQuery is the Service Management API query
// (service_token, service_id, credentials, usage[...]). An error means the
// decision could not be made (the store is unreachable).
func (cl *Caller) Call(ctx context.Context, rawQuery string) (Decision, error) {
	return cl.call(ctx, nil, rawQuery)
}

// Head is a tenant's configuration version and state, read once: a caller
// that keeps its own configuration of the tenant (the gateway: products by
// host) validates it against Version and hands the same Head to CallAt, so
// that the call still reads the tenant item once.
type Head struct {
	tenant int64
	found  bool
	h      head
}

// ReadHead reads a tenant's head (the one strongly consistent read of a call).
func (cl *Caller) ReadHead(ctx context.Context, tenant int64) (Head, error) {
	h, found, err := readHead(ctx, cl.d, tenant)
	return Head{tenant: tenant, found: found, h: h}, err
}

// Found reports whether the tenant exists.
func (h Head) Found() bool { return h.found }

// Version is the tenant's configuration version (cfgver): every change of its
// configuration moves it.
func (h Head) Version() int64 { return h.h.ver }

// CallAt is Call for a request of h's tenant, with h as the call's read of
// the tenant item; credentials of another tenant read their own.
func (cl *Caller) CallAt(ctx context.Context, h Head, rawQuery string) (Decision, error) {
	return cl.call(ctx, &h, rawQuery)
}

func (cl *Caller) call(ctx context.Context, h *Head, rawQuery string) (Decision, error) {
	p, perr := parseQuery(rawQuery)
	if perr != nil {
		return Decision{Status: perr.HTTP, Headers: reasonHeader(perr)}, nil
	}
	c := &call{p: p, ext: extensions{noBody: true, rejectionReason: true, limitHeaders: true}, ep: endpoint{report: true}, head: h}
	out, err := authorize(ctx, cl.d, cl.ca, c)
	if err != nil {
		e := apierr.As(err)
		if e.HTTP >= 500 {
			return Decision{}, err
		}
		return Decision{Status: e.HTTP, Headers: reasonHeader(e)}, nil
	}
	return Decision{Status: out.status, Headers: out.headers}, nil
}

func reasonHeader(e *apierr.Error) http.Header {
	h := http.Header{}
	if e.Code != "" {
		h.Set("3scale-rejection-reason", e.Code)
	}
	return h
}
