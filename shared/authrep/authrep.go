package authrep

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"turnpike/shared/apierr"
	"turnpike/shared/audience"
	"turnpike/shared/catalog"
	"turnpike/shared/counter"
	"turnpike/shared/deps"
)

// Authrep is GET /transactions/authrep.xml: authorize and, when authorized,
// count the usage in the same conditional write.
func Authrep(d *deps.Deps) http.Handler {
	return authHandler(d, true)
}

// Authorize is GET /transactions/authorize.xml: the same checks, counting nothing.
func Authorize(d *deps.Deps) http.Handler {
	return authHandler(d, false)
}

func authHandler(d *deps.Deps, report bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, perr := parseQuery(r.URL.RawQuery)
		if perr != nil {
			writeError(w, perr, false)
			return
		}
		c := &call{p: p, ext: parseExtensions(r, p)}
		status, body, err := authorize(r.Context(), d, c, report, w.Header())
		if err != nil {
			writeError(w, apierr.As(err), c.ext.noBody)
			return
		}
		commonHeaders(w)
		w.WriteHeader(status)
		if !c.ext.noBody {
			w.Write(body)
		}
	})
}

func authorize(ctx context.Context, d *deps.Deps, c *call, report bool, h http.Header) (status int, body []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = apierr.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	now := d.Now()
	tg, aerr := resolveService(ctx, d, c)
	if aerr != nil {
		return 0, nil, aerr
	}
	app, aerr := resolveApplication(ctx, d, c, tg)
	if aerr != nil {
		return 0, nil, aerr
	}
	plan, err := catalog.LoadPlan(ctx, d.Store, tg.tenant.ID, app.Plan, "")
	if err != nil {
		return 0, nil, apierr.Unavailable(err)
	}
	ms, err := catalog.Metrics(ctx, d.Store, tg.tenant.ID, tg.service.ID)
	if err != nil {
		return 0, nil, apierr.Unavailable(err)
	}
	limits, err := catalog.Limits(ctx, d.Store, tg.tenant.ID, plan.ID)
	if err != nil {
		return 0, nil, apierr.Unavailable(err)
	}
	idx := indexMetrics(ms)
	var usage map[int64]delta
	var given bool
	if u, ok := c.p.Map("usage"); ok {
		given = true
		raw, order, uerr := parseUsage(u, idx)
		if uerr != nil && c.ext.noBody {
			return 0, nil, uerr // with no_body, usage is validated before anything else
		}
		if uerr == nil {
			usage = expand(raw, order, idx, c.ext.flatUsage)
		} else if den := validate(c, tg.service, app); den != nil {
			// An earlier 409 hides a bad usage parameter, as 3scale's validators short-circuit.
			return respond(ctx, d, c, tg, app, plan.Name, limits, idx, nil, den, now, h)
		} else {
			return 0, nil, uerr
		}
	}
	if den := validate(c, tg.service, app); den != nil {
		return respond(ctx, d, c, tg, app, plan.Name, limits, idx, nil, den, now, h)
	}
	// The counters: every limit on a metric the usage touches, or all limits without usage.
	var ops []counter.Op
	writes := false
	for _, l := range limits {
		if _, ok := idx.byID[l.Metric]; !ok {
			continue
		}
		dl, touched := usage[l.Metric]
		if given && !touched {
			continue
		}
		ops = append(ops, counter.Op{Counter: counter.Counter{Metric: l.Metric, Period: l.Period}, Max: l.Value, Delta: dl.n, Set: dl.set})
		writes = writes || dl.set || dl.n != 0
	}
	reportOn := counters(limits, idx)
	item := counter.Key(tg.tenant.ID, app.ID)
	var ok bool
	var vals counter.Values
	if report && writes {
		ok, vals, err = d.Counters.Apply(ctx, item, now, ops, reportOn)
	} else {
		ok, vals, err = d.Counters.Check(ctx, item, now, ops, reportOn)
	}
	if err != nil {
		return 0, nil, apierr.Unavailable(err)
	}
	var den *denial
	if !ok {
		den = limitsExceeded
	}
	return respond(ctx, d, c, tg, app, plan.Name, limits, idx, vals, den, now, h)
}

// counters lists the counters of every limit on an existing metric.
func counters(limits []*catalog.Limit, idx *metrics) []counter.Counter {
	out := make([]counter.Counter, 0, len(limits))
	for _, l := range limits {
		if _, ok := idx.byID[l.Metric]; ok {
			out = append(out, counter.Counter{Metric: l.Metric, Period: l.Period})
		}
	}
	return out
}

// respond renders the status document; a denial before the counters reads them for the report.
func respond(ctx context.Context, d *deps.Deps, c *call, tg *target, app *audience.Application, planName string,
	limits []*catalog.Limit, idx *metrics, vals counter.Values, den *denial, now time.Time, h http.Header) (int, []byte, error) {
	on := counters(limits, idx)
	if vals == nil && len(on) > 0 {
		var err error
		if _, vals, err = d.Counters.Check(ctx, counter.Key(tg.tenant.ID, app.ID), now, nil, on); err != nil {
			return 0, nil, apierr.Unavailable(err)
		}
	}
	sorted := append([]*catalog.Limit(nil), limits...)
	sortLimits(sorted)
	var reports []report
	for _, l := range sorted {
		if m, ok := idx.byID[l.Metric]; ok {
			reports = append(reports, report{metric: m.SystemName, limit: l, value: vals[counter.Counter{Metric: l.Metric, Period: l.Period}]})
		}
	}
	status := http.StatusOK
	if den != nil {
		status = http.StatusConflict
		if c.ext.rejectionReason {
			h.Set("3scale-rejection-reason", den.code)
		}
	}
	return status, statusDoc(den, planName, reports, now), nil
}
