package template

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"turnpike/shared/transport/ops"
)

// The credentials of the sample events. The local stack's tests seed a store
// in which they work (local/rie), so the samples exercise the
// success path; `sam local invoke` against a real stack needs real ones.
const (
	SampleMasterToken = "sample-master-access-token-0123456789abcdef"
	SampleAccessToken = "sample-admin-access-token-0123456789abcdef"
	SampleProviderKey = "sample-provider-key-0123456789"
	SampleUserKey     = "sample-user-key-0123456789"
	// The application of the OAuth samples (app_id) and its key, and the
	// token of the sample invitation (accept-invitation).
	SampleAppID           = "sample-app-id"
	SampleAppKey          = "sample-app-key-0123456789"
	SampleInvitationToken = "sample-invitation-token-0123456789abcdef"
)

// sampleQuery is the query string a client of the operation's API sends.
func sampleQuery(op ops.Operation) string {
	switch {
	case strings.HasPrefix(op.Path, "/master/api/"):
		return "access_token=" + SampleMasterToken
	case op.API() == ops.AdminAPI:
		return "access_token=" + SampleAccessToken
	case op.Method == "GET" && strings.HasPrefix(op.Path, "/transactions/"):
		return "provider_key=" + SampleProviderKey + "&user_key=" + SampleUserKey + "&usage%5Bhits%5D=1"
	case op.Method == "POST" && op.Path == "/transactions.xml":
		return "provider_key=" + SampleProviderKey + "&transactions%5B0%5D%5Buser_key%5D=" + SampleUserKey +
			"&transactions%5B0%5D%5Busage%5D%5Bhits%5D=1"
	}
	return ""
}

// SampleEvent is an API Gateway HTTP API (payload 2.0) event for the
// operation's canonical route, with example path values and the sample
// credentials of its API.
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
		"rawQueryString":  sampleQuery(op),
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
	if q, _ := url.ParseQuery(sampleQuery(op)); len(q) > 0 {
		qs := map[string]string{}
		for k := range q {
			qs[k] = q.Get(k)
		}
		ev["queryStringParameters"] = qs
	}
	return marshalEvent(ev)
}

// marshalEvent writes an event as Lambda delivers it (no HTML escaping of "&").
func marshalEvent(ev any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(ev) // maps of strings and numbers always encode
	return b.Bytes()
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

// SampleScheduledEvent is the EventBridge event a schedule delivers.
func SampleScheduledEvent(s ops.Schedule) []byte {
	ev := map[string]any{"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
		"source": "aws.events", "account": "123456789012", "time": "2026-11-30T03:00:00Z", "region": "us-east-1",
		"resources": []string{"arn:aws:events:us-east-1:123456789012:rule/turnpike-" + s.Name}, "detail": map[string]any{}}
	b, _ := json.MarshalIndent(ev, "", "  ")
	return append(b, '\n')
}

// SampleStreamEvent is a DynamoDB Streams event as Lambda delivers it: one
// authrep's counter write, recording one hit of the sample application for
// the history, in tenant 1 and its default service 4 (local/rie seeds them).
func SampleStreamEvent(s ops.Stream) []byte {
	h := `[{"t":1,"v":4,"a":7,"at":1795860000,"u":[{"m":5,"n":1}],"c":"200"}]`
	ev := map[string]any{"Records": []map[string]any{{
		"eventID": "c81e728d9d4c2f636f067f89cc14862c", "eventName": "MODIFY", "eventVersion": "1.1",
		"eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
		"dynamodb": map[string]any{
			"ApproximateCreationDateTime": 1795860000,
			"Keys":                        map[string]any{"C": map[string]string{"S": "1#7"}},
			"NewImage": map[string]any{"C": map[string]string{"S": "1#7"}, "h": map[string]string{"S": h},
				"hn": map[string]string{"N": "2"}, "v5_hour": map[string]string{"N": "2"}, "s5_hour": map[string]string{"N": "1795860000"}},
			"SequenceNumber": "111300000000000000000001", "SizeBytes": 206, "StreamViewType": "NEW_IMAGE",
		},
		"eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/turnpike-" + strings.ToLower(strings.TrimSuffix(s.Table, "Table")) +
			"/stream/2026-11-30T00:00:00.000",
	}}}
	b, _ := json.MarshalIndent(ev, "", "  ")
	return append(b, '\n')
}
