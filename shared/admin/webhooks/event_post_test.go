package webhooks

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// On AWS a receiver on loopback or a private network is refused when
// connecting; allowed, the same receiver is reached.
func TestPosterRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) }))
	defer srv.Close()
	ctx := context.Background()
	if status, err := newPoster(time.Second, false).Post(ctx, srv.URL, nil, []byte("<event/>")); !errors.Is(err, errPrivate) || status != 0 {
		t.Fatalf("loopback receiver: %d %v", status, err)
	}
	localhost := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, err := newPoster(time.Second, false).Post(ctx, localhost, nil, nil); !errors.Is(err, errPrivate) {
		t.Fatalf("a name resolving to loopback: %v", err)
	}
	if status, err := newPoster(time.Second, true).Post(ctx, srv.URL, nil, nil); err != nil || status != http.StatusAccepted {
		t.Fatalf("allowed: %d %v", status, err)
	}
	for _, a := range []string{"10.1.2.3:80", "172.16.0.1:443", "192.168.1.1:80", "169.254.169.254:80", "[::1]:80", "0.0.0.0:80", "[fd00::1]:80"} {
		if err := refusePrivate("tcp", a, nil); !errors.Is(err, errPrivate) {
			t.Errorf("%s: %v", a, err)
		}
	}
	for _, a := range []string{"93.184.216.34:443", "[2606:2800:220:1::1]:443"} {
		if err := refusePrivate("tcp", a, nil); err != nil {
			t.Errorf("%s refused: %v", a, err)
		}
	}
}

// Any 2xx is success; anything else an error naming the status.
func TestPosterStatuses(t *testing.T) {
	for _, c := range []struct {
		status int
		ok     bool
	}{{200, true}, {201, true}, {299, true}, {301, false}, {404, false}, {500, false}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c.status == 301 {
				w.Header().Set("Location", "/elsewhere")
			}
			w.WriteHeader(c.status)
		}))
		status, err := newPoster(time.Second, true).Post(context.Background(), srv.URL, nil, nil)
		srv.Close()
		if status != c.status || (err == nil) != c.ok {
			t.Errorf("%d: got %d %v", c.status, status, err)
		}
	}
}
