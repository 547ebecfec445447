package emulators

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	readyTimeout = 60 * time.Second
	readyPoll    = 50 * time.Millisecond
	stopGrace    = 3 * time.Second
)

// child is one running service process.
type child struct {
	name     string
	cmd      *exec.Cmd
	out      *ringBuffer
	done     chan struct{} // closed once the process has exited and been reaped
	err      error         // result of Wait; read only after done
	stopping atomic.Bool
}

// startChild uses exec.Command rather than CommandContext: the services must
// outlive the ctx that bounds Start and go away only through Stop.
func startChild(name, dir string, env []string, argv ...string) (*child, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out := newRingBuffer()
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = procAttr()
	cmd.WaitDelay = time.Second // don't hang on a pipe held open by a stray grandchild
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("emulators: starting %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, out: out, done: make(chan struct{})}
	go func() { c.err = c.cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *child) exitError() error {
	return fmt.Errorf("emulators: %s exited (%v); last output:\n%s", c.name, c.err, c.out.tail(30))
}

// stop signals the whole process group: SIGTERM, then SIGKILL after
// stopGrace. It returns an error only if the process had already died on
// its own, which callers want to hear about.
func (c *child) stop() error {
	select {
	case <-c.done:
		if !c.stopping.Load() {
			return c.exitError()
		}
		return nil
	default:
	}
	c.stopping.Store(true)
	pgid := c.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(stopGrace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-c.done
	}
	// Sweep anything else left in the group. The kernel does not reuse a
	// pid while it still names a live process group, so this is safe.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	return nil
}

// freePort asks the kernel for an unused port. Another process may grab it
// before the child binds, which startService handles with one retry.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("emulators: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// pickPort is a variable so tests can hand out a busy port.
var pickPort = freePort

// startService starts a child on a free port and waits until it answers,
// retrying once on a different port if the first one was taken meanwhile.
func startService(ctx context.Context, name string, launch func(port int) (*child, error), probe func(endpoint string) *http.Request) (*child, string, error) {
	for attempt := 0; ; attempt++ {
		port, err := pickPort()
		if err != nil {
			return nil, "", err
		}
		c, err := launch(port)
		if err != nil {
			return nil, "", err
		}
		endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
		err = waitReady(ctx, name, endpoint, c, probe)
		if err == nil {
			return c, endpoint, nil
		}
		c.stop()
		if attempt > 0 || !strings.Contains(strings.ToLower(c.out.tail(30)), "address already in use") {
			return nil, "", err
		}
	}
}

var probeClient = &http.Client{
	Timeout:   2 * time.Second,
	Transport: &http.Transport{DisableKeepAlives: true}, // each poll is a fresh connection; keep no idle sockets
}

// waitReady polls endpoint until it answers with any HTTP status. c may be
// nil for a service this package did not start; otherwise waiting stops as
// soon as the child exits.
func waitReady(ctx context.Context, name, endpoint string, c *child, probe func(endpoint string) *http.Request) error {
	var exited <-chan struct{}
	if c != nil {
		exited = c.done
	}
	deadline := time.NewTimer(readyTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(readyPoll)
	defer tick.Stop()
	for {
		if resp, err := probeClient.Do(probe(endpoint).WithContext(ctx)); err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("emulators: waiting for %s on %s: %w", name, endpoint, ctx.Err())
		case <-exited:
			return c.exitError()
		case <-deadline.C:
			msg := fmt.Sprintf("emulators: %s did not answer on %s within %v", name, endpoint, readyTimeout)
			if c != nil {
				msg += "; last output:\n" + c.out.tail(30)
			}
			return errors.New(msg)
		case <-tick.C:
		}
	}
}
