// Package webhooks is the HTTP side of webhooks: the configuration and
// failures operations of the Account Management API, the delivery log, the
// queue consumer that posts events, and the scheduled sweep.
package webhooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// poster posts events over HTTP: a slow receiver is cut off after timeout,
// and, unless allowed, addresses that are loopback, private or link-local
// are refused at connect time (after DNS, so a name cannot point inside).
type poster struct{ client *http.Client }

func newPoster(timeout time.Duration, allowPrivate bool) *poster {
	dialer := &net.Dialer{Timeout: timeout}
	if !allowPrivate {
		dialer.Control = refusePrivate
	}
	t := &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 8, IdleConnTimeout: 20 * time.Second,
		ResponseHeaderTimeout: timeout}
	return &poster{client: &http.Client{Transport: t, Timeout: timeout,
		// A redirect is an answer that is not 2xx, as for 3scale's client on POST.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var errPrivate = errors.New("refused: the receiver's address is loopback or private")

func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return err
	}
	a := ap.Addr().Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsUnspecified() ||
		a.IsMulticast() || a.IsInterfaceLocalMulticast() {
		return errPrivate
	}
	return nil
}

// Post sends the event document; any 2xx is success.
func (p *poster) Post(ctx context.Context, url string, headers map[string]string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "Turnpike-Webhooks")
	res, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("%d %s", res.StatusCode, http.StatusText(res.StatusCode))
	}
	return res.StatusCode, nil
}
