// Command purge erases, now, the tenants the scheduled purge would erase:
// those whose deletion date has passed or whose purge the master asked.
// It uses the same configuration as the functions (ENTITIES_TABLE,
// COUNTERS_TABLE, USAGE_TABLE, DYNAMODB_ENDPOINT); next to `make local` it
// finds the local DynamoDB by itself. -dry-run reports what would go.
//
// Each erased batch is logged to stderr. -now sets the time the purge takes
// as now (RFC 3339; default the system clock), for a stack whose clock was
// moved, as the local tests do. -hold-after N stops after the Nth batch, logs
// "purge: holding", and waits to be killed: tests use it to interrupt a purge
// at a known point. A tenant another run is purging is left to that run; one
// that died holds it for -lease (default a minute).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/deps"
)

func main() {
	dry := flag.Bool("dry-run", false, "report what would be erased, erase nothing")
	max := flag.Int("max-batches", 0, "stop after this many batches (0: no bound); the next run goes on")
	nowFlag := flag.String("now", "", "the time taken as now, RFC 3339 (default: the system clock)")
	hold := flag.Int("hold-after", 0, "after this many batches in all, log \"purge: holding\" and wait to be killed (0: never)")
	lease := flag.Duration("lease", tenant.PurgeLease, "how long a tenant's purge stays this run's between two batches; another run waits that long after this one died")
	flag.Parse()
	log.SetFlags(0)
	if os.Getenv("DYNAMODB_ENDPOINT") == "" {
		// make runs it from the repository root, where make local writes this.
		if b, err := os.ReadFile(filepath.Join(".local", "dynamodb_endpoint")); err == nil {
			os.Setenv("DYNAMODB_ENDPOINT", strings.TrimSpace(string(b)))
		}
	}
	ctx := context.Background()
	d, err := deps.FromEnv(ctx)
	if err != nil {
		log.Fatalf("purge: %v", err)
	}
	now := d.Now()
	if *nowFlag != "" {
		if now, err = time.Parse(time.RFC3339Nano, *nowFlag); err != nil {
			log.Fatalf("purge: -now: %v", err)
		}
	}
	batches := 0
	after := func(id int64, n int) {
		batches++
		log.Printf("purge: tenant %d: batch %d erased", id, n)
		if batches == *hold {
			log.Printf("purge: holding")
			for {
				time.Sleep(time.Hour)
			}
		}
	}
	reps, err := tenant.PurgeDue(ctx, d.Store, tenant.PurgeOptions{DryRun: *dry, MaxBatches: *max, By: "command", Now: now, AfterBatch: after, Lease: *lease})
	for _, r := range reps {
		b, _ := json.Marshal(map[string]any{"tenant_id": r.Tenant, "dry_run": *dry, "done": r.Done, "counts": r.Counts})
		os.Stdout.Write(append(b, '\n'))
	}
	if err != nil {
		log.Fatalf("purge: %v", err)
	}
}
