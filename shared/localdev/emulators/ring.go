package emulators

import (
	"strings"
	"sync"
)

// ringBuffer keeps the last max bytes written to it, so a chatty child
// process cannot grow memory while its recent output stays available for
// error messages.
type ringBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func newRingBuffer() *ringBuffer { return &ringBuffer{max: 64 << 10} }

func (r *ringBuffer) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = append(r.buf, p...)
	if over := len(r.buf) - r.max; over > 0 {
		r.buf = append(r.buf[:0], r.buf[over:]...)
	}
	return len(p), nil
}

// tail returns the last n lines, which is where the cause of a failure
// (a Java stack trace's root cause, npm's ERR! lines) usually is.
func (r *ringBuffer) tail(n int) string {
	r.mu.Lock()
	s := strings.TrimRight(string(r.buf), "\n")
	r.mu.Unlock()
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
