package ops

import (
	"context"
	"sort"

	"turnpike/shared/admin/webhooks"
	"turnpike/shared/master"
	"turnpike/shared/platform/deps"
)

// Schedule is a function run on a timer by an EventBridge schedule (one Lambda
// function each): a tenant purge, a sweep of what a queue left behind. Its
// work is resumable: a run cut short by its timeout is finished by the next.
type Schedule struct {
	Name  string // function name (the FUNCTION variable of the shared binary)
	Rate  string // an EventBridge schedule expression: "rate(1 day)", "cron(0 3 * * ? *)"
	Build func(*deps.Deps) func(context.Context) error
}

// schedules lists every scheduled function; `make template` adds their
// functions and schedules.
var schedules = []Schedule{
	{"webhook-sweep", "rate(1 minute)", webhooks.Sweep},
	{"purge-tenants", "rate(1 day)", master.PurgeDue},
}

// Schedules lists every scheduled function, sorted by name.
func Schedules() []Schedule {
	out := append([]Schedule(nil), schedules...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindSchedule returns a scheduled function by name.
func FindSchedule(name string) (Schedule, bool) {
	for _, s := range schedules {
		if s.Name == name {
			return s, true
		}
	}
	return Schedule{}, false
}
