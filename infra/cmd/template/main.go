// Command template writes template.yaml from the operation registry and
// scaffolds what a new operation needs: functions/<name>/main.go and
// events/<name>.json (existing files are left alone).
package main

import (
	"errors"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"turnpike/infra/template"
	"turnpike/shared/servicemgmt/usage"
	"turnpike/shared/transport/ops"
)

func main() {
	if err := os.WriteFile("template.yaml", template.Render(), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, op := range ops.All() {
		writeNew(filepath.Join("functions", op.Name, "main.go"), template.Main(op))
		writeNew(filepath.Join("events", op.Name+".json"), template.SampleEvent(op))
	}
	for _, c := range ops.Consumers() {
		writeNew(filepath.Join("functions", c.Name, "main.go"), template.ConsumerMain(c))
		writeNew(filepath.Join("events", c.Name+".json"), template.SampleSQSEvent(c, usage.SampleMessage))
	}
	for _, s := range ops.Schedules() {
		writeNew(filepath.Join("functions", s.Name, "main.go"), template.ScheduledMain(s))
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
