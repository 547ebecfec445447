package authrep

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// respond renders the answer; a denial before the counters reads them for the report.
func (s *state) respond(ctx context.Context, d *deps.Deps, res *counter.Result) (*outcome, error) {
	pc := s.plan
	if res == nil && len(pc.counters) > 0 {
		r, err := d.Counters.Check(ctx, counter.Key(s.tg.tenant, s.app.ID), s.now, nil, pc.counters)
		if err != nil {
			return nil, apierr.Unavailable(err)
		}
		res = &r
	}
	reports := make([]report, 0, len(pc.limits))
	for _, l := range pc.limits {
		c := counterOf(l)
		r := report{metric: s.tg.service.metrics.ByID[l.Metric], limit: l}
		if res != nil {
			r.stored, r.current = res.Before[c], res.After[c]
		}
		reports = append(reports, r)
	}
	out := &outcome{status: http.StatusOK, headers: http.Header{}}
	if s.den != nil {
		out.status = http.StatusConflict
		if s.c.ext.rejectionReason {
			out.headers.Set("3scale-rejection-reason", s.den.code)
		}
	}
	if s.den == nil || s.den == limitsExceeded {
		s.limitHeaders(out.headers, reports)
	}
	if s.c.ext.noBody {
		return out, nil
	}
	dc := &doc{den: s.den, planName: pc.plan.Name, reports: reports, periodStart: s.periodBounds}
	if s.c.ep.oauth {
		dc.oauthApp = s.oauthApplication()
	}
	if s.c.ext.listAppKeys {
		dc.appKeys = s.appKeys()
	}
	if s.c.ext.hierarchy {
		dc.hierarchy = s.hierarchyDoc(reports)
	}
	out.body = dc.render()
	return out, nil
}

func (s *state) periodBounds(period string) (string, string) {
	start := counter.Start(period, s.now)
	return start.Format(dateLayout), counter.End(period, start).Format(dateLayout)
}

// oauthApplication is the <application> element of the oauth_* endpoints; the
// redirect tag follows the parameter the request used.
func (s *state) oauthApplication() string {
	key := ""
	if len(s.app.Keys) > 0 {
		key = s.app.Keys[0]
	}
	tag := "redirect_url"
	if _, ok := s.c.p.String("redirect_url"); !ok {
		if _, ok := s.c.p.String("redirect_uri"); ok {
			tag = "redirect_uri"
		}
	}
	return "<application><id>" + s.app.AppID + "</id><key>" + key + "</key><" + tag + ">" +
		wire.Escape(s.app.RedirectURL) + "</" + tag + "></application>"
}

// maxListedKeys is how many keys list_app_keys shows at most.
const maxListedKeys = 256

func (s *state) appKeys() string {
	var b strings.Builder
	b.WriteString(`<app_keys app="` + s.app.AppID + `" svc="` + strconv.FormatInt(s.tg.service.svc.ID, 10) + `">`)
	for i, k := range s.app.Keys {
		if i == maxListedKeys {
			break
		}
		b.WriteString(`<key id="` + k + `"/>`)
	}
	b.WriteString("</app_keys>")
	return b.String()
}

// hierarchyDoc lists, per usage report, the metric's children.
func (s *state) hierarchyDoc(reports []report) string {
	var b strings.Builder
	b.WriteString("<hierarchy>")
	for _, r := range reports {
		b.WriteString(`<metric name="` + r.metric.SystemName + `" children="` +
			strings.Join(s.tg.service.metrics.Children(r.metric.ID), " ") + `"/>`)
	}
	b.WriteString("</hierarchy>")
	return b.String()
}

// limitHeaders sets 3scale's limit headers (limit_headers extension) and the
// IETF RateLimit-Policy / RateLimit headers from the most constrained report:
// the fewest identical calls left, the longer period on ties.
func (s *state) limitHeaders(h http.Header, reports []report) {
	var best *report
	bestCalls := int64(-1)
	var policies []byte // one buffer for the header: it is set on every call
	for i := range reports {
		r := &reports[i]
		dl, touched := s.usage[r.limit.Metric]
		if s.given && !touched {
			continue
		}
		if len(policies) > 0 {
			policies = append(policies, ", "...)
		}
		policies = appendPolicy(policies, r)
		remaining := max(r.limit.Value-r.current, 0)
		calls := int64(-1)
		switch {
		case remaining == 0:
			calls = 0
		case dl.N > 0:
			calls = remaining / dl.N
		}
		if best == nil || better(calls, bestCalls, r, best) {
			best, bestCalls = r, calls
		}
	}
	if len(policies) > 0 {
		h["Ratelimit-Policy"] = []string{string(policies)}
	}
	if best == nil || bestCalls == -1 {
		if s.c.ext.limitHeaders {
			h.Set("3scale-limit-remaining", "-1")
			h.Set("3scale-limit-reset", "-1")
		}
		return
	}
	reset := s.resetIn(best.limit.Period)
	if s.c.ext.limitHeaders {
		h.Set("3scale-limit-remaining", strconv.FormatInt(bestCalls, 10))
		h.Set("3scale-limit-reset", strconv.FormatInt(reset, 10))
		h.Set("3scale-limit-max-value", strconv.FormatInt(best.limit.Value, 10))
	}
	rl := appendPolicyName(make([]byte, 0, 64), best)
	rl = append(rl, ";r="...)
	rl = strconv.AppendInt(rl, max(best.limit.Value-best.current, 0), 10)
	if reset >= 0 {
		rl = append(rl, ";t="...)
		rl = strconv.AppendInt(rl, reset, 10)
	}
	h["Ratelimit"] = []string{string(rl)}
}

// better: fewer calls left wins, unlimited (-1) ranks last, ties go to the longer period.
func better(calls, bestCalls int64, r, best *report) bool {
	if calls == bestCalls {
		return periodRank[r.limit.Period] < periodRank[best.limit.Period]
	}
	return bestCalls == -1 || (calls != -1 && calls < bestCalls)
}

// resetIn is the seconds until the period ends, rounded up; -1 for eternity.
func (s *state) resetIn(period string) int64 {
	if period == "eternity" {
		return -1
	}
	end := counter.End(period, counter.Start(period, s.now))
	return int64(math.Ceil(end.Sub(s.now).Seconds()))
}

// appendPolicyName appends a limit's policy name, quoted: "<metric>-<period>".
func appendPolicyName(b []byte, r *report) []byte {
	b = append(b, '"')
	b = append(b, r.metric.SystemName...)
	b = append(b, '-')
	b = append(b, r.limit.Period...)
	return append(b, '"')
}

// appendPolicy appends one RateLimit-Policy item: quota and window of a limit.
func appendPolicy(b []byte, r *report) []byte {
	b = appendPolicyName(b, r)
	b = append(b, ";q="...)
	b = strconv.AppendInt(b, r.limit.Value, 10)
	if w := windows[r.limit.Period]; w > 0 {
		b = append(b, ";w="...)
		b = strconv.AppendInt(b, w, 10)
	}
	return b
}

// windows are nominal period lengths in seconds (a month counts 30 days, a year 365).
var windows = map[string]int64{"minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2592000, "year": 31536000}
