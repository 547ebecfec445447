// Command template writes template.yaml from the operation registry and
// scaffolds each new function's sample event, events/<name>.json (existing
// files are left alone). Every function runs the one binary of functions/bootstrap.
package main

import (
	"errors"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"turnpike/infra/template"
	"turnpike/shared/model/webhook"
	"turnpike/shared/servicemgmt/usage"
	"turnpike/shared/transport/ops"
)

func main() {
	if err := os.WriteFile("template.yaml", template.Render(), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, op := range ops.All() {
		writeNew(filepath.Join("events", op.Name+".json"), template.SampleEvent(op))
	}
	for _, c := range ops.Consumers() {
		sample := usage.SampleMessage
		if c.Name == "webhook-delivery" {
			sample = webhook.SampleMessage
		}
		writeNew(filepath.Join("events", c.Name+".json"), template.SampleSQSEvent(c, sample))
	}
	for _, st := range ops.Streams() {
		writeNew(filepath.Join("events", st.Name+".json"), template.SampleStreamEvent(st))
	}
	for _, s := range ops.Schedules() {
		writeNew(filepath.Join("events", s.Name+".json"), template.SampleScheduledEvent(s))
	}
}

func writeNew(path string, b []byte) {
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("created %s", path)
}
