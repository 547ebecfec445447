// Command template writes template.yaml from the operation registry.
package main

import (
	"log"
	"os"

	"turnpike/infra/template"
)

func main() {
	if err := os.WriteFile("template.yaml", template.Render(), 0o644); err != nil {
		log.Fatal(err)
	}
}
