package template

import (
	"encoding/json"
	"fmt"
	"strings"

	"turnpike/shared/transport/ops"
)

// Main is the whole main.go of an operation's function: a composition root.
func Main(op ops.Operation) []byte {
	return []byte(fmt.Sprintf(`// Command %s is the Lambda function of %s %s.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start(%q) }
`, op.Name, op.Method, op.Path, op.Name))
}

// SampleEvent is an API Gateway HTTP API (payload 2.0) event for the
// operation's canonical route, with example path values and no credentials.
func SampleEvent(op ops.Operation) []byte {
	route := op.Routes()[0]
	path := route
	params := map[string]string{}
	for _, seg := range strings.Split(route, "/") {
		if strings.HasPrefix(seg, "{") {
			name := strings.Trim(seg, "{}")
			params[name] = "1"
			path = strings.Replace(path, seg, "1", 1)
		}
	}
	ev := map[string]any{
		"version":         "2.0",
		"routeKey":        op.Method + " " + route,
		"rawPath":         path,
		"rawQueryString":  "",
		"headers":         map[string]string{"host": "api.example.com", "user-agent": "curl/8.0", "content-type": "application/x-www-form-urlencoded"},
		"pathParameters":  params,
		"isBase64Encoded": false,
		"body":            "",
		"requestContext": map[string]any{
			"accountId": "123456789012", "apiId": "example", "domainName": "api.example.com", "domainPrefix": "api",
			"requestId": "sample-request", "routeKey": op.Method + " " + route, "stage": "$default",
			"time": "22/Nov/2026:10:00:00 +0000", "timeEpoch": 1795860000000,
			"http": map[string]any{"method": op.Method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "curl/8.0"},
		},
	}
	if len(params) == 0 {
		delete(ev, "pathParameters")
	}
	b, _ := json.MarshalIndent(ev, "", "  ")
	return append(b, '\n')
}

// ConsumerMain is the main.go of a queue consumer's function.
func ConsumerMain(c ops.Consumer) []byte {
	return []byte(fmt.Sprintf(`// Command %s is the Lambda function consuming %s.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartConsumer(%q) }
`, c.Name, c.Queue, c.Name))
}

// SampleSQSEvent is an SQS event with one message, as Lambda delivers it.
func SampleSQSEvent(c ops.Consumer, body string) []byte {
	ev := map[string]any{"Records": []map[string]any{{
		"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
		"body": body, "md5OfBody": "", "md5OfMessageAttributes": "",
		"attributes": map[string]string{"ApproximateReceiveCount": "1", "SentTimestamp": "1795860000000",
			"SenderId": "123456789012", "ApproximateFirstReceiveTimestamp": "1795860000001"},
		"messageAttributes": map[string]any{}, "eventSource": "aws:sqs",
		"eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:turnpike-" + strings.ToLower(c.Queue), "awsRegion": "us-east-1",
	}}}
	b, _ := json.MarshalIndent(ev, "", "  ")
	return append(b, '\n')
}

// ScheduledMain is the main.go of a scheduled function.
func ScheduledMain(s ops.Scheduled) []byte {
	return []byte(fmt.Sprintf(`// Command %s is the Lambda function run on the schedule %s.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartScheduled(%q) }
`, s.Name, s.Schedule, s.Name))
}

// SampleScheduledEvent is the EventBridge event a schedule delivers.
func SampleScheduledEvent(s ops.Scheduled) []byte {
	ev := map[string]any{"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
		"source": "aws.events", "account": "123456789012", "time": "2026-11-30T03:00:00Z", "region": "us-east-1",
		"resources": []string{"arn:aws:events:us-east-1:123456789012:rule/turnpike-" + s.Name}, "detail": map[string]any{}}
	b, _ := json.MarshalIndent(ev, "", "  ")
	return append(b, '\n')
}
