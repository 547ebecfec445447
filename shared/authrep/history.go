package authrep

import (
	"sync"

	"turnpike/shared/deps"
	"turnpike/shared/usage"
)

// Transaction is usage an authrep counted, handed to the history off the hot path.
type Transaction = usage.Counted

// recorder collects what authreps counted and hands it to the history queue.
type recorder struct {
	send func(*Transaction)
}

var recorders sync.Map // *deps.Deps → *recorder

func recorderOf(d *deps.Deps) *recorder {
	if r, ok := recorders.Load(d); ok {
		return r.(*recorder)
	}
	r, _ := recorders.LoadOrStore(d, &recorder{send: func(*Transaction) {}})
	return r.(*recorder)
}

func (r *recorder) record(t *Transaction) { r.send(t) }

// transaction is what this authorized authrep counted.
func (s *state) transaction() *Transaction {
	code, _ := s.logCode()
	if len(s.usage) == 0 {
		return nil // log-only calls record nothing, as in 3scale
	}
	t := &Transaction{Tenant: s.tg.tenant, Service: s.tg.service.svc.ID, App: s.app.ID, At: s.now.Unix(), Code: code,
		Usage: make([]usage.Delta, 0, len(s.usage))}
	for _, dl := range s.usage {
		if dl.N == 0 && !dl.Set {
			continue
		}
		t.Usage = append(t.Usage, dl)
	}
	if len(t.Usage) == 0 {
		return nil
	}
	return t
}

// logCode is log[code], when given as a hash with a code.
func (s *state) logCode() (string, bool) {
	l, ok := s.c.p.Map("log")
	if !ok {
		return "", false
	}
	return l.String("code")
}
