package gateway

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"turnpike/shared/model/proxy"
)

// hopHeaders are connection-level headers a proxy does not pass on.
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer",
	"Transfer-Encoding", "Upgrade", "Proxy-Connection"}

// errPrivate refuses an upstream that resolves to a private address.
var errPrivate = errors.New("gateway: upstream address is private")

func upstreamClient(o Options) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if !o.AllowPrivate {
		// Checked on the address actually dialled, so DNS cannot smuggle a private target in.
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip == nil || proxy.PrivateIP(ip) {
				return errPrivate
			}
			return nil
		}
	}
	tr := &http.Transport{DialContext: dialer.DialContext, MaxIdleConns: 256, MaxIdleConnsPerHost: 64,
		IdleConnTimeout: 30 * time.Second, TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: o.Timeout,
		MaxResponseHeaderBytes: 64 << 10, DisableCompression: true}
	return &http.Client{Transport: tr, Timeout: 0,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// forward sends the request to the private base URL and passes the answer
// back; an upstream that is down answers 502, one that is too slow 504.
func (g *Gateway) forward(w http.ResponseWriter, r *http.Request, body []byte, p *product) {
	px := p.doc.Proxy
	if px.APIBackend == nil || *px.APIBackend == "" {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	target, host, err := upstreamURL(*px.APIBackend, r)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	if px.HostnameRewrite != nil && *px.HostnameRewrite != "" {
		host = *px.HostnameRewrite
	}
	ctx, cancel := g.deadline(r.Context())
	defer cancel()
	out, err := http.NewRequestWithContext(ctx, r.Method, target, bytes.NewReader(body))
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	out.Header.Del("X-3scale-Debug")
	out.Header.Set("X-3scale-proxy-secret-token", px.SecretToken)
	if ip := clientIP(r); ip != "" {
		out.Header.Set("X-Real-IP", ip)
	}
	out.Host = host
	out.ContentLength = int64(len(body))
	res, err := g.client.Do(out)
	if err != nil {
		upstreamFailed(w, ctx, err)
		return
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxResponse+1))
	if err != nil || len(data) > MaxResponse {
		upstreamFailed(w, ctx, err)
		return
	}
	for k, vs := range res.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	for _, h := range hopHeaders {
		w.Header().Del(h)
	}
	w.WriteHeader(res.StatusCode)
	w.Write(data)
}

// deadline bounds the upstream call by the gateway's timeout and, on Lambda,
// by the invocation's deadline less a margin to answer in.
func (g *Gateway) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	limit := time.Now().Add(g.opts.Timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Add(-time.Second).Before(limit) {
		limit = dl.Add(-time.Second)
	}
	return context.WithDeadline(ctx, limit)
}

func upstreamFailed(w http.ResponseWriter, ctx context.Context, err error) {
	status := http.StatusBadGateway
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		status = http.StatusGatewayTimeout
	}
	w.Header().Set("Content-Type", "text/plain; charset=us-ascii")
	w.WriteHeader(status)
	io.WriteString(w, http.StatusText(status))
}

// upstreamURL builds the upstream request URL and Host: a backend path is
// prepended to the normalised path; without one the original target is sent.
func upstreamURL(backend string, r *http.Request) (string, string, error) {
	u, err := url.Parse(backend)
	if err != nil {
		return "", "", err
	}
	scheme := u.Scheme
	switch scheme {
	case "ws":
		scheme = "http"
	case "wss":
		scheme = "https"
	}
	host := u.Hostname()
	if p := u.Port(); p != "" && !((scheme == "http" && p == "80") || (scheme == "https" && p == "443")) {
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	path := r.URL.EscapedPath()
	if bp := strings.TrimSuffix(u.EscapedPath(), "/"); bp != "" {
		path = bp + proxy.NormalizePath(r.URL.EscapedPath())
		if path != bp+"/" {
			path = strings.TrimSuffix(path, "/") + suffixSlash(r.URL.EscapedPath())
		} else {
			path = bp
		}
	}
	target := scheme + "://" + host + path
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	return target, host, nil
}

func suffixSlash(p string) string {
	if len(p) > 1 && strings.HasSuffix(p, "/") {
		return "/"
	}
	return ""
}

func clientIP(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}
