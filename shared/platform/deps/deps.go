// Package deps holds what every operation needs, built once per process from
// the environment (a Lambda container, the local runner, a test).
package deps

import (
	"context"
	"os"
	"strings"
	"time"

	"turnpike/shared/platform/confcache"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/queue"
	"turnpike/shared/platform/store"
)

// Deps are the shared dependencies of handlers.
type Deps struct {
	Store *store.Store
	// Counters is the exact usage counter engine; one per process, it remembers period stamps.
	Counters *counter.Engine
	// Config is the process's cache of tenant configuration for the
	// Service Management hot path, shared by the handlers built from these deps.
	Config *confcache.Cache
	// MasterToken is the master administrator's access token (MASTER_ACCESS_TOKEN).
	MasterToken string
	// RootDomain (ROOT_DOMAIN) is the domain tenants' hosts live under:
	// when set, admin calls must come to <subdomain>-admin.<RootDomain> and
	// master calls to master.<RootDomain>; when empty the credential alone
	// decides the tenant.
	RootDomain string
	Now        func() time.Time
	// Usage is the queue of reports and of the history of what authrep counted
	// (USAGE_QUEUE_URL); nil when not configured.
	Usage *queue.Queue
	// ReportRecheck, when set, shortens how long reported transactions dated
	// ahead wait before they are looked at again: the local stack sets it,
	// since its tests move the clock faster than SQS delays run.
	ReportRecheck time.Duration
	// Webhooks configures the delivery of webhook events.
	Webhooks Webhooks
	// SMDeadline bounds the storage and queue work of one Service Management
	// call (SM_DEADLINE, a Go duration; default DefaultSMDeadline): a gateway
	// waits for the answer, so a DynamoDB or SQS that does not answer gives a
	// 503 within this time rather than holding every caller.
	SMDeadline time.Duration
	// Probes are further checks GET /check.txt makes besides DynamoDB: the
	// local runner adds its SQS emulator. On AWS SQS is a managed service the
	// functions are not granted to inspect, so none are added there.
	Probes []func(context.Context) error
}

// DefaultSMDeadline is the Service Management deadline on AWS, where
// DynamoDB answers in milliseconds: a dependency that has not answered in a
// second is treated as down.
const DefaultSMDeadline = time.Second

// Webhooks is how webhook events are queued and posted.
type Webhooks struct {
	// Queue feeds the delivery function (WEBHOOK_QUEUE_URL); nil when not configured.
	Queue *queue.Queue
	// RetryDelay is how long the queue holds a failed event back before the
	// next attempt: a minute, as 3scale; tests shorten it and move the clock.
	RetryDelay time.Duration
	// Timeout cuts off a receiver that does not answer.
	Timeout time.Duration
	// AllowPrivate lets events go to loopback and private addresses: for
	// development only (WEBHOOK_ALLOW_PRIVATE=1); refused on AWS by default.
	AllowPrivate bool
}

// FromEnv builds Deps from the environment.
func FromEnv(ctx context.Context) (*Deps, error) {
	s, err := store.FromEnv(ctx)
	if err != nil {
		return nil, err
	}
	d := New(s, os.Getenv("MASTER_ACCESS_TOKEN"))
	d.RootDomain = strings.ToLower(os.Getenv("ROOT_DOMAIN"))
	if d.Usage, err = queue.FromEnv(ctx, "USAGE_QUEUE_URL"); err != nil {
		return nil, err
	}
	if d.Webhooks.Queue, err = queue.FromEnv(ctx, "WEBHOOK_QUEUE_URL"); err != nil {
		return nil, err
	}
	d.Webhooks.AllowPrivate = os.Getenv("WEBHOOK_ALLOW_PRIVATE") == "1"
	if v, err := time.ParseDuration(os.Getenv("SM_DEADLINE")); err == nil && v > 0 {
		d.SMDeadline = v
	}
	return d, nil
}

// New assembles Deps around a store.
func New(s *store.Store, masterToken string) *Deps {
	return &Deps{Store: s, Counters: &counter.Engine{DB: s.DB, Table: s.Counters}, Config: confcache.New(), MasterToken: masterToken, Now: time.Now,
		SMDeadline: DefaultSMDeadline,
		Webhooks:   Webhooks{RetryDelay: time.Minute, Timeout: 10 * time.Second}}
}
