package emulators

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
)

func startSQS(ctx context.Context, root string) (*child, string, error) {
	cli := filepath.Join(root, "local", "node_modules", "fauxqs", "dist", "cli.js")
	launch := func(port int) (*child, error) {
		env := []string{
			"FAUXQS_PORT=" + strconv.Itoa(port),
			// Only the host written into queue URLs; fauxqs 1.9.2 always
			// listens on 0.0.0.0.
			"FAUXQS_HOST=127.0.0.1",
			// Its default logs one JSON line per request, which would only
			// churn the ring buffer; startup errors still reach stderr.
			"FAUXQS_LOGGER=false",
		}
		return startChild("the SQS emulator (fauxqs)", filepath.Join(root, "local"), env, "node", cli)
	}
	return startService(ctx, "the SQS emulator (fauxqs)", launch, sqsProbe)
}

// sqsProbe is a ListQueues call in the JSON protocol the Go SDK speaks, so
// "ready" means the SQS router answers, not just the HTTP server.
func sqsProbe(endpoint string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "AmazonSQS.ListQueues")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	return req
}
