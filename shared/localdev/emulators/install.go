package emulators

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

var (
	errNoJava = errors.New("emulators: Java 17+ is required to run DynamoDB Local: install it (apt-get install openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to a running DynamoDB")
	errNoNode = errors.New("emulators: Node.js 20+ and npm are required for DynamoDB Local and the SQS emulator: install them (apt-get install nodejs npm) or set DYNAMODB_ENDPOINT and SQS_ENDPOINT")
)

// EnsureInstalled runs `npm ci --no-audit --no-fund` in <root>/local when local/node_modules is missing or older than local/package-lock.json; it holds an exclusive flock on <root>/local/.install.lock so that parallel test processes never install at once.
func EnsureInstalled(root string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	dir := filepath.Join(root, "local")
	// The lock is taken even when nothing needs installing: otherwise a
	// process could see a half-written node_modules while another installs.
	// It is released when f is closed.
	f, err := os.OpenFile(filepath.Join(dir, ".install.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("emulators: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("emulators: locking %s: %w", f.Name(), err)
	}
	if !needsInstall(root) {
		return nil
	}
	if !onPath("node") || !onPath("npm") {
		return errNoNode
	}
	fmt.Fprintln(log, "installing DynamoDB Local and the SQS emulator (npm ci)…")
	start := time.Now()
	out := newRingBuffer()
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, out, out
	cmd.SysProcAttr = procAttr() // an orphaned npm ci would race the next install
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("emulators: npm ci in %s failed (%v):\n%s", dir, err, npmOutput(out))
	}
	fmt.Fprintf(log, "installed in %.1fs\n", time.Since(start).Seconds())
	return nil
}

// npmOutput returns npm's last lines, except when npm printed a command's
// whole usage after the cause (EUSAGE); then it keeps the first error lines.
func npmOutput(out *ringBuffer) string {
	lines := strings.Split(out.tail(2000), "\n")
	var errs []string
	for _, l := range lines {
		if strings.HasPrefix(l, "npm error") || strings.HasPrefix(l, "npm ERR!") {
			errs = append(errs, l)
		}
	}
	if len(errs) <= 30 {
		return out.tail(30)
	}
	return strings.Join(errs[:10], "\n") + "\n…\n" + lines[len(lines)-1]
}

// needsInstall compares against node_modules/.package-lock.json rather than
// the directory itself: npm writes that file last, so it also catches an
// install that was interrupted halfway.
func needsInstall(root string) bool {
	lock, err := os.Stat(filepath.Join(root, "local", "package-lock.json"))
	if err != nil {
		return true // let npm ci report the problem
	}
	done, err := os.Stat(filepath.Join(root, "local", "node_modules", ".package-lock.json"))
	return err != nil || done.ModTime().Before(lock.ModTime())
}

func onPath(tool string) bool {
	_, err := exec.LookPath(tool)
	return err == nil
}

// checkTools reports every missing tool up front, before any install or
// start, so the user gets the clear message instead of an exec error.
func checkTools(root string, wantDynamo, wantSQS bool) error {
	var errs []error
	if wantDynamo && !onPath("java") {
		errs = append(errs, errNoJava)
	}
	install := (wantDynamo || wantSQS) && needsInstall(root)
	needNode := wantSQS || install // npm itself runs on node
	if needNode && !onPath("node") || install && !onPath("npm") {
		errs = append(errs, errNoNode)
	}
	return errors.Join(errs...)
}
