package ops

import (
	"context"
	"sort"

	"turnpike/shared/master"
	"turnpike/shared/platform/deps"
)

// Scheduled is a function run on a schedule (one Lambda function each, with
// an EventBridge schedule event).
type Scheduled struct {
	Name     string // function directory under functions/ and the template's function name
	Schedule string // EventBridge expression: "rate(1 day)", "cron(…)"
	Build    func(*deps.Deps) func(context.Context) error
}

// schedules lists every scheduled function; `make template` adds them.
var schedules = []Scheduled{
	{"purge-tenants", "rate(1 day)", master.PurgeDue},
}

// Schedules lists every scheduled function, sorted by name.
func Schedules() []Scheduled {
	out := append([]Scheduled(nil), schedules...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindScheduled returns a scheduled function by name.
func FindScheduled(name string) (Scheduled, bool) {
	for _, s := range schedules {
		if s.Name == name {
			return s, true
		}
	}
	return Scheduled{}, false
}
