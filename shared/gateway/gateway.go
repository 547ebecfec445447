// Package gateway is Turnpike's API gateway: one handler serving the API
// traffic of every product of every tenant, as APIcast does with its default
// policy chain — product by Host, credentials, mapping rules, authrep, upstream
// — except that every request is decided by an exact authrep before it is
// forwarded (no optimistic cache).
package gateway

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/deps"
	"turnpike/shared/servicemgmt/authrep"
)

// MaxBody is the largest request body the gateway forwards (API Gateway's payload limit).
const MaxBody = 10 << 20

// MaxResponse is the largest upstream answer passed back (Lambda's response limit).
const MaxResponse = 6 << 20

// Options tune a gateway.
type Options struct {
	// AllowPrivate lets upstreams resolve to loopback and private addresses
	// (the local stack); on AWS they are refused at connection time.
	AllowPrivate bool
	// Timeout bounds an upstream call; a request deadline that comes sooner wins.
	Timeout time.Duration
}

// OptionsFromEnv reads GATEWAY_ALLOW_PRIVATE=1 and GATEWAY_UPSTREAM_TIMEOUT (a Go duration, default 25s).
func OptionsFromEnv() Options {
	o := Options{AllowPrivate: os.Getenv("GATEWAY_ALLOW_PRIVATE") == "1", Timeout: 25 * time.Second}
	if v, err := time.ParseDuration(os.Getenv("GATEWAY_UPSTREAM_TIMEOUT")); err == nil && v > 0 {
		o.Timeout = v
	}
	return o
}

// Gateway serves API traffic.
type Gateway struct {
	d      *deps.Deps
	opts   Options
	cache  compiled
	client *http.Client
	auth   *authrep.Caller
	hosts  hosts
}

// New builds a gateway.
func New(d *deps.Deps, opts Options) *Gateway {
	if opts.Timeout <= 0 {
		opts.Timeout = 25 * time.Second
	}
	return &Gateway{d: d, opts: opts, client: upstreamClient(opts), auth: authrep.NewCaller(d)}
}

// Handler is the gateway function's handler, configured from the environment.
func Handler(d *deps.Deps) http.Handler { return New(d, OptionsFromEnv()) }

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			slog.Error("gateway: panic", "panic", p)
			w.WriteHeader(http.StatusInternalServerError)
		}
	}()
	ctx := r.Context()
	p, head, err := g.find(ctx, requestHost(publicHost(r)))
	if err != nil {
		slog.Error("gateway: config", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if p == nil {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil || len(body) > MaxBody {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		return
	}
	d := p.decide(ctx, g.auth, head, r, body)
	if d.answer != nil {
		writeAnswer(w, d.answer, d.retryAfter)
		return
	}
	if r.Header.Get("X-3scale-Debug") != "" && r.Header.Get("X-3scale-Debug") == p.doc.BackendAuthenticationValue {
		debugHeaders(w.Header(), p, d)
	}
	g.forward(w, r, body, p)
}

// publicHost is the host the client called: X-Forwarded-Host when a CDN in
// front of the function URL carries it there (a function URL only answers to
// its own Host), else Host. Either is the client's to choose.
func publicHost(r *http.Request) string {
	if h := r.Header.Get("X-Forwarded-Host"); h != "" {
		h, _, _ = strings.Cut(h, ",")
		return strings.TrimSpace(h)
	}
	return r.Host
}

// decision is what the gateway decided before forwarding.
type decision struct {
	answer     *proxy.Answer // nil = forward
	retryAfter string
	usage      *proxy.Usage
	creds      credentials
}

// decide runs the checks in APIcast's order: credentials, mapping rules,
// then one authrep with the usage (reading no more of the tenant than head).
func (p *product) decide(ctx context.Context, auth *authrep.Caller, head authrep.Head, r *http.Request, body []byte) decision {
	px := p.doc.Proxy
	creds, ok := readCredentials(r, body, p)
	if !ok {
		return decision{answer: answerOf(px.ErrorAuthMissing, px.ErrorStatusAuthMissing, px.ErrorHeadersAuthMissing)}
	}
	u := proxy.Evaluate(p.matchers, matchRequest(r, body))
	if u.Empty() {
		return decision{answer: answerOf(px.ErrorNoMatch, px.ErrorStatusNoMatch, px.ErrorHeadersNoMatch), creds: creds}
	}
	dec, err := auth.CallAt(ctx, head, authrepQuery(p, creds, u))
	out := decision{usage: u, creds: creds}
	switch {
	case err != nil:
		slog.Error("gateway: authrep", "err", err)
		out.answer = answerOf(px.ErrorAuthFailed, px.ErrorStatusAuthFailed, px.ErrorHeadersAuthFailed)
	case dec.Status == http.StatusOK:
	case dec.Headers.Get("3scale-rejection-reason") == "limits_exceeded" && dec.Headers.Get("3scale-limit-max-value") != "0":
		out.answer = answerOf(px.ErrorLimitsExceeded, px.ErrorStatusLimitsExceeded, px.ErrorHeadersLimitsExceeded)
		if reset := dec.Headers.Get("3scale-limit-reset"); reset != "" && !strings.HasPrefix(reset, "-") {
			out.retryAfter = reset
		}
	default:
		out.answer = answerOf(px.ErrorAuthFailed, px.ErrorStatusAuthFailed, px.ErrorHeadersAuthFailed)
	}
	return out
}

// matchRequest is what mapping rules see: the normalised path and the
// arguments (a form body's fields win over the query's for POST/PUT/PATCH).
func matchRequest(r *http.Request, body []byte) *proxy.Request {
	mr := &proxy.Request{Method: r.Method, Path: proxy.NormalizePath(r.URL.EscapedPath()), Params: map[string]string{}, Has: map[string]bool{}}
	proxy.ParseArgs(r.URL.RawQuery, mr.Params, mr.Has)
	if formBody(r) {
		proxy.ParseArgs(string(body), mr.Params, mr.Has)
	}
	return mr
}

func authrepQuery(p *product, c credentials, u *proxy.Usage) string {
	q := "service_token=" + url.QueryEscape(p.doc.BackendAuthenticationValue) + "&service_id=" + strconv.FormatInt(p.doc.ID, 10)
	if p.doc.BackendVersion == "2" {
		q += "&app_id=" + url.QueryEscape(c.appID) + "&app_key=" + url.QueryEscape(c.appKey)
	} else {
		q += "&user_key=" + url.QueryEscape(c.userKey)
	}
	return q + usageQuery(u)
}

func usageQuery(u *proxy.Usage) string {
	var b strings.Builder
	for _, m := range u.Metrics {
		b.WriteString("&usage%5B" + url.QueryEscape(m) + "%5D=" + strconv.FormatInt(u.Deltas[m], 10))
	}
	return b.String()
}

func answerOf(msg string, status int, contentType string) *proxy.Answer {
	return &proxy.Answer{Message: msg, Status: status, ContentType: contentType}
}

// write sends a configured answer: its text exactly, no trailing newline.
func writeAnswer(w http.ResponseWriter, a *proxy.Answer, retryAfter string) {
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	status := a.Status
	if status < 200 || status > 599 {
		status = http.StatusForbidden
	}
	w.WriteHeader(status)
	io.WriteString(w, a.Message)
}

func debugHeaders(h http.Header, p *product, d decision) {
	h.Set("X-3scale-matched-rules", strings.Join(d.usage.Matched, ", "))
	cred := "user_key=" + url.QueryEscape(d.creds.userKey)
	if p.doc.BackendVersion == "2" {
		cred = "app_id=" + url.QueryEscape(d.creds.appID) + "&app_key=" + url.QueryEscape(d.creds.appKey)
	}
	h.Set("X-3scale-credentials", cred)
	h.Set("X-3scale-usage", strings.TrimPrefix(usageQuery(d.usage), "&"))
	h.Set("X-3scale-service-id", strconv.FormatInt(p.doc.ID, 10))
	h.Set("X-3scale-service-name", p.doc.Name)
}
