package usage

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"turnpike/shared/platform/deps"
)

// A report's outcome is settled once, between the consumer and the sender:
// when SQS does not answer a send in time, the message may still have
// reached the queue, so the sender withdraws it before answering 503; the
// consumer claims it before applying it. Whichever is recorded first holds,
// so a report answered 503 never counts and one that counts is never
// answered 503 (the sender answers 202 when it finds the claim). Without
// this, a client retrying a 503 would count its report twice.
const (
	outcomeApplied   = "applied"
	outcomeWithdrawn = "withdrawn"
)

func outcomeKey(id string) string { return "RPT#" + id }

// NewReportID names a report accepted by POST /transactions.xml.
func NewReportID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Claim records that the consumer applies the report; false when its sender
// withdrew it (drop it). A claim is kept while its message may come back.
func Claim(ctx context.Context, d *deps.Deps, r *Report) (bool, error) {
	if r.ID == "" {
		return true, nil // deferred parts and reports queued before IDs existed
	}
	got, err := d.Store.Decide(ctx, r.Tenant, outcomeKey(r.ID), outcomeApplied, d.Now().Add(MarkerTTL))
	return got == outcomeApplied, err
}

// Withdraw records that the report part id must never count; false when the
// consumer claimed it first (it counts: the send did go through).
func Withdraw(ctx context.Context, d *deps.Deps, tenant int64, id string) (bool, error) {
	got, err := d.Store.Decide(ctx, tenant, outcomeKey(id), outcomeWithdrawn, d.Now().Add(MarkerTTL))
	return got == outcomeWithdrawn, err
}
