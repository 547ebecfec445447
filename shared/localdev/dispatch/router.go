// Package dispatch serves every operation over plain HTTP the way API Gateway
// does: it picks the most specific route, turns the request into an HTTP API
// payload 2.0 event, and invokes the operation's Lambda entry point with it.
package dispatch

import (
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/transport/lambdafn"
	"turnpike/shared/transport/ops"
	"turnpike/shared/transport/route"
)

// MaxPayload is API Gateway's request payload limit.
const MaxPayload = 10 << 20

type entry struct {
	method, route string
	segs          []string // the route's segments, split once
	specificity   int
	fn            lambdafn.Func
}

// Router is an http.Handler over every registered operation. Routes are
// indexed by method and segment count, so that a request compares its path
// with a handful of routes, not every route of the registry.
type Router struct{ routes map[routeKey][]entry }

type routeKey struct {
	method string
	n      int // segments
}

// New builds one Lambda entry point per operation.
func New(d *deps.Deps) *Router {
	rt := &Router{routes: map[routeKey][]entry{}}
	for _, op := range ops.All() {
		fn := lambdafn.Proxy(op.Handler(d))
		for _, r := range op.Routes() {
			segs := strings.Split(r, "/")
			k := routeKey{op.Method, len(segs)}
			rt.routes[k] = append(rt.routes[k], entry{op.Method, r, segs, route.Specificity(r), fn})
		}
	}
	return rt
}

func (rt *Router) match(method, path string) (*entry, map[string]string) {
	rs := strings.Split(path, "/")
	var best *entry
	candidates := rt.routes[routeKey{method, len(rs)}]
	for i := range candidates {
		e := &candidates[i]
		if exact(e.segs, rs) && (best == nil || e.specificity > best.specificity) {
			best = e
		}
	}
	if best == nil {
		return nil, nil
	}
	vars, _, _ := route.Match(best.route, path)
	return best, vars
}

// exact matches a concrete API Gateway route: literal segments equal, variables non-empty.
func exact(ps, rs []string) bool {
	if len(ps) != len(rs) {
		return false
	}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") {
			if rs[i] == "" {
				return false
			}
		} else if p != rs[i] {
			return false
		}
	}
	return true
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e, _ := rt.match(r.Method, r.URL.Path)
	if e == nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxPayload+1))
	if err != nil || len(body) > MaxPayload {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		io.WriteString(w, `{"message":"Request Entity Too Large"}`)
		return
	}
	res, err := e.fn(r.Context(), Event(r, e.method+" "+e.route, e.route, body))
	if err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"message":"Internal Server Error"}`)
		return
	}
	Write(w, res)
}

// Lambda serves every request through one Lambda entry point, as an HTTP API
// with only the catch-all $default route does (the gateway, the Echo API).
func Lambda(fn lambdafn.Func) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxPayload+1))
		if err != nil || len(body) > MaxPayload {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			io.WriteString(w, `{"message":"Request Entity Too Large"}`)
			return
		}
		res, err := fn(r.Context(), Event(r, "$default", "", body))
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"message":"Internal Server Error"}`)
			return
		}
		Write(w, res)
	})
}

// Event builds the payload 2.0 event API Gateway would send for r.
func Event(r *http.Request, routeKey, pattern string, body []byte) events.APIGatewayV2HTTPRequest {
	headers := map[string]string{}
	for k, vs := range r.Header {
		if strings.EqualFold(k, "Cookie") {
			continue
		}
		headers[strings.ToLower(k)] = strings.Join(vs, ",")
	}
	if r.Host != "" {
		headers["host"] = r.Host
	}
	var cookies []string
	for _, c := range r.Cookies() {
		cookies = append(cookies, c.String())
	}
	vars, _, _ := route.Match(pattern, r.URL.Path)
	raw := map[string]string{}
	for k := range vars {
		// API Gateway hands the whole segment over, extension included.
		raw[k] = segment(pattern, r.URL.Path, k)
	}
	now := time.Now()
	ev := events.APIGatewayV2HTTPRequest{
		Version:        "2.0",
		RouteKey:       routeKey,
		RawPath:        r.URL.EscapedPath(),
		RawQueryString: r.URL.RawQuery,
		Cookies:        cookies,
		Headers:        headers,
		PathParameters: raw,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:   routeKey,
			Stage:      "$default",
			RequestID:  credential.Random(8),
			DomainName: r.Host,
			Time:       now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:  now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: r.Method, Path: r.URL.Path, Protocol: r.Proto,
				SourceIP: strings.Split(r.RemoteAddr, ":")[0], UserAgent: r.UserAgent(),
			},
		},
	}
	if utf8.Valid(body) {
		ev.Body = string(body)
	} else {
		ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	}
	return ev
}

func segment(pattern, path, name string) string {
	ps, rs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		if p == "{"+name+"}" && i < len(rs) {
			return rs[i]
		}
	}
	return ""
}

// Write sends a Lambda proxy response as an HTTP response.
func Write(w http.ResponseWriter, res events.APIGatewayV2HTTPResponse) {
	for k, v := range res.Headers {
		w.Header().Set(k, v)
	}
	for k, vs := range res.MultiValueHeaders {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	for _, c := range res.Cookies {
		w.Header().Add("Set-Cookie", c)
	}
	body := []byte(res.Body)
	if res.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(res.Body); err == nil {
			body = b
		}
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(res.StatusCode)
	w.Write(body)
}
