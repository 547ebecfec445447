package webhook

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// Event states.
const (
	Pending   = "pending"
	Delivered = "delivered"
	Failed    = "failed"
)

// Event is one change to report, and its delivery log.
type Event struct {
	store.Key
	store.Index           // GSI1: the tenant's events by id; GSI2: every pending event by due time (the sweep)
	ID          int64     `dynamodbav:"id"`
	UUID        string    `dynamodbav:"uuid"` // 3scale's event id; the webhook-id header
	Tenant      int64     `dynamodbav:"tenant"`
	Type        string    `dynamodbav:"type"`
	Action      string    `dynamodbav:"action"`
	Object      int64     `dynamodbav:"object"`
	Body        string    `dynamodbav:"body"` // the <event> document posted
	State       string    `dynamodbav:"state"`
	CreatedAt   time.Time `dynamodbav:"created_at"`
	// Due is when the next attempt may start (unix nanoseconds of the domain clock).
	Due int64 `dynamodbav:"due"`
	// Tries counts the attempts of the current round (a redelivery starts a new round).
	Tries    int       `dynamodbav:"tries"`
	Attempts []Attempt `dynamodbav:"attempts"`
	// Lease is held (unix nanoseconds) by the delivery posting the event, so a
	// redelivered message never posts it a second time meanwhile.
	Lease int64 `dynamodbav:"lease"`
}

// Attempt is one try at posting an event.
type Attempt struct {
	At     time.Time `dynamodbav:"at"`
	Status int       `dynamodbav:"status"` // 0 when no response came
	Error  string    `dynamodbav:"error,omitempty"`
	Millis int64     `dynamodbav:"ms"`
	URL    string    `dynamodbav:"url"`
}

const (
	eventPrefix = "WHEV#"
	pendingPK   = "WHEV#PENDING" // one partition, read by the sweep only
)

// EventKey is the key of an event: under its object, in the order the events
// happened, so the delivery can tell whether an earlier one is still pending.
func EventKey(tenant int64, typ string, object, id int64) store.Key {
	return store.Key{PK: store.TenantPK(tenant), SK: objectPrefix(typ, object) + store.ID(id)}
}

func objectPrefix(typ string, object int64) string {
	return eventPrefix + typ + "#" + store.ID(object) + "#"
}

func eventsOf(tenant int64) string { return store.TenantPK(tenant) + "#WHEV" }

func pendingSK(due int64, tenant, id int64) string {
	return fmt.Sprintf("%020d#%d#%s", due, tenant, store.ID(id))
}

// Envelope is 3scale's event document around an object's XML.
func Envelope(typ, action string, object []byte) []byte {
	b := []byte(wire.XMLHeader + "<event><action>" + wire.Escape(action) + "</action><type>" + wire.Escape(typ) + "</type><object>")
	b = append(b, object...)
	return append(b, "</object></event>"...)
}

// Sender enqueues a message for the delivery function (an SQS queue).
type Sender interface {
	Send(ctx context.Context, body string) error
}

// SampleMessage is a message as the queue carries it (for sample events).
const SampleMessage = `{"tenant":1,"sk":"WHEV#user#0000000000000002#0000000000000040"}`

// Message is what the queue carries: which event to deliver.
type Message struct {
	Tenant int64  `json:"tenant"`
	SK     string `json:"sk"`
}

// Change is one change to report.
type Change struct {
	Tenant     int64
	Type       string // account, user, application
	Action     string
	Object     int64
	XML        []byte // the object's XML, as the Account Management API renders it
	ByProvider bool   // made through the admin API (fires only with provider_actions)
}

// Record adds the event of a change to tx when the configuration asks for it:
// it is stored with the change or not at all. Once committed it is handed to
// the queue at once (send may be nil); if that send is lost, the sweep finds
// the event pending and enqueues it.
func Record(ctx context.Context, s *store.Store, tx *store.Tx, cfg *Config, c Change, send Sender, now time.Time) error {
	e, err := Prepare(ctx, s, cfg, c, now)
	if err != nil || e == nil {
		return err
	}
	e.AddTo(tx, send)
	return nil
}

// Prepare builds the event of a change, or nil when the configuration does
// not ask for it; AddTo then puts it in the change's transaction.
func Prepare(ctx context.Context, s *store.Store, cfg *Config, c Change, now time.Time) (*Event, error) {
	if !cfg.Wants(c.Type, c.Action, c.ByProvider) {
		return nil, nil
	}
	id, err := s.NextID(ctx)
	if err != nil {
		return nil, err
	}
	e := &Event{Key: EventKey(c.Tenant, c.Type, c.Object, id), ID: id, UUID: newUUID(), Tenant: c.Tenant,
		Type: c.Type, Action: c.Action, Object: c.Object, Body: string(Envelope(c.Type, c.Action, c.XML)),
		State: Pending, CreatedAt: now, Due: now.UnixNano()}
	e.GSI1PK, e.GSI1SK = eventsOf(c.Tenant), store.ID(id)
	e.GSI2PK, e.GSI2SK = pendingPK, pendingSK(e.Due, c.Tenant, id)
	return e, nil
}

// AddTo adds the event to the transaction of its change; once committed it
// is handed to the queue (send may be nil: the sweep enqueues it).
func (e *Event) AddTo(tx *store.Tx, send Sender) {
	tx.Create(e, nil)
	if send != nil {
		tx.AfterCommit(func(ctx context.Context) { Enqueue(ctx, send, e, 0) })
	}
}

// Enqueue hands an event to the delivery queue; a failure is left to the sweep.
func Enqueue(ctx context.Context, send Sender, e *Event, delay time.Duration) error {
	b, _ := json.Marshal(Message{Tenant: e.Tenant, SK: e.SK})
	if d, ok := send.(DelayedSender); ok && delay > 0 {
		return d.SendDelayed(ctx, string(b), delay)
	}
	return send.Send(ctx, string(b))
}

// DelayedSender can hold a message back for a while (SQS DelaySeconds).
type DelayedSender interface {
	SendDelayed(ctx context.Context, body string, delay time.Duration) error
}

func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
