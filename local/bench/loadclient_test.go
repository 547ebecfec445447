package bench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// loadClient sends requests rendered once over keep-alive connections and
// reads only what it needs of the answers (status, length), as a load
// generator such as wrk does. The benchmark's client shares two cores with
// the runner and DynamoDB Local, and what it spends is not authrep's: a
// general HTTP client (header maps, a reader and a writer goroutine per
// connection) cost about 50 µs of CPU per call, a tenth of the gap measured.
type loadClient struct {
	addr  string
	conns chan *loadConn
}

type loadConn struct {
	c net.Conn
	r *bufio.Reader
}

// loadTimeout bounds one call: a stuck server fails the run rather than hanging it.
const loadTimeout = 30 * time.Second

func newLoadClient(addr string) *loadClient {
	return &loadClient{addr: addr, conns: make(chan *loadConn, 512)}
}

// getRequest renders a GET of pathAndQuery to host.
func getRequest(host, pathAndQuery string) []byte {
	return []byte("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: turnpike-bench\r\n\r\n")
}

// do sends req and returns the answer's status, its body read and dropped.
func (lc *loadClient) do(req []byte) (int, error) {
	var c *loadConn
	select {
	case c = <-lc.conns:
	default:
		nc, err := net.Dial("tcp", lc.addr)
		if err != nil {
			return 0, err
		}
		c = &loadConn{c: nc, r: bufio.NewReaderSize(nc, 16<<10)}
	}
	status, keep, err := c.roundTrip(req)
	if err != nil || !keep {
		c.c.Close()
		return status, err
	}
	select {
	case lc.conns <- c:
	default:
		c.c.Close()
	}
	return status, nil
}

func (c *loadConn) roundTrip(req []byte) (status int, keep bool, err error) {
	if err := c.c.SetDeadline(time.Now().Add(loadTimeout)); err != nil {
		return 0, false, err
	}
	if _, err := c.c.Write(req); err != nil {
		return 0, false, err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, false, fmt.Errorf("load client: status line %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, false, fmt.Errorf("load client: status line %q", line)
	}
	length, keep := -1, true
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return status, false, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, _ := bytes.Cut(h, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return status, false, fmt.Errorf("load client: %q", h)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return status, false, errors.New("load client: a body without a length")
		case bytes.EqualFold(name, []byte("Connection")) && bytes.EqualFold(value, []byte("close")):
			keep = false
		}
	}
	if length < 0 {
		return status, false, errors.New("load client: a body without a length")
	}
	if _, err := c.r.Discard(length); err != nil {
		return status, false, err
	}
	return status, keep, nil
}

// The load client reads statuses and bodies of any length over one reused
// connection, and refuses a body without a length rather than misreading it.
func TestLoadClient(t *testing.T) {
	var conns atomic.Int64
	hs := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chunked" {
			w.Write([]byte("a"))
			w.(http.Flusher).Flush()
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if n > 2048 {
			w.Header().Set("Content-Length", strconv.Itoa(n)) // else net/http would chunk it
		}
		w.WriteHeader(200 + n%3)
		w.Write(bytes.Repeat([]byte("x"), n))
	}))
	hs.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	hs.Start()
	defer hs.Close()
	host := strings.TrimPrefix(hs.URL, "http://")
	lc := newLoadClient(host)
	for _, n := range []int{0, 1, 100, 2047, 5000} {
		status, err := lc.do(getRequest(host, "/?n="+strconv.Itoa(n)))
		if err != nil || status != 200+n%3 {
			t.Fatalf("n=%d: status %d, %v", n, status, err)
		}
	}
	if got := conns.Load(); got != 1 {
		t.Errorf("%d connections for five sequential calls", got)
	}
	if _, err := lc.do(getRequest(host, "/chunked")); err == nil {
		t.Error("a chunked body was taken")
	}
}
