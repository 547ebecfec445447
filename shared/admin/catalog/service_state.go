package catalog

import (
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/wire"
)

// serviceEvents is 3scale's service state machine: event → (from states → to).
var serviceEvents = map[string]struct {
	from []string
	to   string
}{
	"publish":      {[]string{"offline", "incomplete", "hidden", "published"}, "published"},
	"hide":         {[]string{"incomplete", "published"}, "hidden"},
	"complete":     {[]string{"incomplete"}, "hidden"},
	"take_offline": {[]string{"published"}, "offline"},
	"deprecate":    {[]string{"incomplete", "published", "offline", "hidden"}, "deprecated"},
}

// markAsDeleted is the transition of a service delete.
var markAsDeleted = struct{ from []string }{[]string{"incomplete", "published", "offline", "hidden"}}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readServiceEvent applies state_event: an unknown event is invalid, an event
// that cannot fire from the current state is refused on errors.state.
func readServiceEvent(q *api.Request, s *catalog.Service, v *apierr.Validation) error {
	ev, ok, err := q.Str("state_event")
	if err != nil || !ok || ev == "" {
		return err
	}
	t, known := serviceEvents[ev]
	switch {
	case !known:
		v.Add("state_event", "is invalid")
	case !contains(t.from, s.State):
		v.Add("state", "cannot transition via "+strconv.Quote(ev))
	default:
		s.State = t.to
	}
	return nil
}

// invalidTransition is 3scale's answer to a refused bang event: 422 with the
// object's state, the event and the object itself.
func invalidTransition(from, event string, obj *wire.Obj) error {
	msg := "State cannot transition via " + strconv.Quote(event)
	doc := wire.NewObj("error").
		Set("from", from).
		Set("event", event).
		Set("error", msg).
		JSON("object", wire.NewObj("object").Set(obj.Name, obj)).
		XML(obj.Name, obj)
	body, err := doc.MarshalJSON()
	if err != nil {
		return err
	}
	return apierr.Document(422, msg, body, doc.XMLDoc())
}
