package authrep

import (
	"turnpike/shared/servicemgmt/usage"
)

// history is what this authrep records for the usage history, if authorized:
// its usage (expanded through the hierarchy), its log code and its time, ""
// when it counts nothing (log-only calls, as in 3scale). The counter write
// stores it on the counter item, and the counters table's stream feeds it to
// the history: nothing waits in process memory.
func (s *state) history() (string, error) {
	if !s.c.ep.report {
		return "", nil
	}
	code, _ := s.logCode()
	t := usage.Counted{Tenant: s.tg.tenant, Service: s.tg.service.svc.ID, App: s.app.ID, At: s.now.Unix(), Code: code,
		Usage: make([]usage.Delta, 0, len(s.usage))}
	for _, dl := range s.usage {
		if dl.N != 0 || dl.Set {
			t.Usage = append(t.Usage, dl)
		}
	}
	if len(t.Usage) == 0 {
		return "", nil
	}
	return usage.EncodeHistory([]usage.Counted{t})
}

// logCode is log[code], when log is a hash with a code.
func (s *state) logCode() (string, bool) {
	l, ok := s.c.p.Map("log")
	if !ok {
		return "", false
	}
	c, ok := l.String("code")
	return c, ok
}
