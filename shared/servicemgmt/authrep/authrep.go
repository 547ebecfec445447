package authrep

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/servicemgmt/usage"
)

// endpoint says which of the four authorization calls is served.
type endpoint struct {
	report bool // authrep: count the usage when authorized
	oauth  bool // oauth_authorize / oauth_authrep
}

// Authrep is GET /transactions/authrep.xml: authorize and, when authorized,
// count the usage in the same conditional write.
func Authrep(d *deps.Deps) http.Handler { return authHandler(d, endpoint{report: true}) }

// Authorize is GET /transactions/authorize.xml: the same checks, counting nothing.
func Authorize(d *deps.Deps) http.Handler { return authHandler(d, endpoint{}) }

// OAuthAuthrep is GET /transactions/oauth_authrep.xml.
func OAuthAuthrep(d *deps.Deps) http.Handler {
	return authHandler(d, endpoint{report: true, oauth: true})
}

// OAuthAuthorize is GET /transactions/oauth_authorize.xml.
func OAuthAuthorize(d *deps.Deps) http.Handler { return authHandler(d, endpoint{oauth: true}) }

// authHandler builds one endpoint's handler with the state it keeps for the
// life of the process: its configuration cache.
func authHandler(d *deps.Deps, ep endpoint) http.Handler {
	ca := &cache{c: d.Config}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, perr := parseQuery(r.URL.RawQuery)
		if perr != nil {
			writeError(w, perr, false)
			return
		}
		c := &call{p: p, ext: parseExtensions(r, p), ep: ep}
		ctx, cancel := context.WithTimeout(r.Context(), d.SMDeadline)
		defer cancel()
		out, err := authorize(ctx, d, ca, c)
		if err != nil {
			writeError(w, publicError(err), c.ext.noBody)
			return
		}
		commonHeaders(w)
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		for k, v := range out.headers {
			h[k] = v
		}
		w.WriteHeader(out.status)
		if !c.ext.noBody {
			w.Write(out.body)
		}
	})
}

// outcome is an answered authorization.
type outcome struct {
	status  int
	body    []byte
	headers http.Header
}

func authorize(ctx context.Context, d *deps.Deps, ca *cache, c *call) (out *outcome, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = apierr.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	now := d.Now()
	tg, aerr := resolveService(ctx, d, ca, c, c.authChecks)
	if aerr != nil {
		return nil, aerr
	}
	app, aerr := resolveApplication(ctx, d, c, tg, c.ep.oauth)
	if aerr != nil {
		return nil, aerr
	}
	pc, err := loadPlan(ctx, d, tg, app.Plan)
	if err != nil {
		return nil, apierr.Unavailable(err)
	}
	idx := tg.service.metrics
	s := &state{c: c, tg: tg, app: app, plan: pc, now: now}
	if u, ok := c.p.Map("usage"); ok {
		s.given = true
		raw, uerr := parseUsage(u, idx)
		if uerr != nil && c.ext.noBody && uerr.Code == "metric_invalid" {
			return nil, uerr // with no_body, metrics are resolved before anything else
		}
		if uerr == nil {
			s.usage = usage.Expand(raw, idx, c.ext.flatUsage)
		} else if den := validate(c, tg.service.svc, app); den != nil {
			// An earlier 409 hides a bad usage parameter, as 3scale's validators short-circuit.
			s.den = den
			return s.respond(ctx, d, nil)
		} else {
			return nil, uerr
		}
	}
	if den := validate(c, tg.service.svc, app); den != nil {
		s.den = den
		return s.respond(ctx, d, nil)
	}
	// The counters: every limit on a metric the usage touches, or all limits without usage.
	var ops []counter.Op
	writes := false
	for _, l := range pc.limits {
		dl, touched := s.usage[l.Metric]
		if s.given && !touched {
			continue
		}
		ops = append(ops, counter.Op{Counter: counterOf(l), Max: l.Value, Delta: dl.N, Set: dl.Set})
		writes = writes || dl.Set || dl.N != 0
	}
	// What the history records goes with the counter write (one write even
	// without limits): durable exactly when the counters are.
	hist, err := s.history()
	if err != nil {
		return nil, apierr.Internal(err)
	}
	var res *counter.Result
	if len(ops) > 0 || len(pc.counters) > 0 || hist != "" {
		item := counter.Key(tg.tenant, app.ID)
		var r counter.Result
		if c.ep.report && (writes || hist != "") {
			r, err = d.Counters.Apply(ctx, item, now, ops, pc.counters, hist)
		} else {
			r, err = d.Counters.Check(ctx, item, now, ops, pc.counters)
		}
		if err != nil {
			return nil, apierr.Unavailable(err)
		}
		if !r.OK {
			s.den = limitsExceeded
		}
		res = &r
	}
	return s.respond(ctx, d, res)
}

// state is one authorization in progress.
type state struct {
	c     *call
	tg    *target
	app   *appConf
	plan  *planConf
	now   time.Time
	given bool                  // a usage parameter was sent
	usage map[int64]usage.Delta // usage expanded through the hierarchy
	den   *denial               // nil = authorized
}
