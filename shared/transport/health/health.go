// Package health answers the liveness checks gateways and load balancers use.
package health

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"turnpike/shared/platform/deps"
)

// Timeout bounds each dependency's check.
const Timeout = time.Second

// Check is GET /check.txt: "ok" in plain text when DynamoDB (and the usage
// queue, when configured) answer; otherwise 503 and what is wrong, one line
// per dependency.
func Check(d *deps.Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
		if msg := problems(r.Context(), d); msg != "" {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(msg))
			return
		}
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("ok"))
	})
}

func problems(ctx context.Context, d *deps.Deps) string {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	msg := ""
	if _, err := d.Store.DB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(d.Store.Counters)}); err != nil {
		msg += "dynamodb: table " + d.Store.Counters + " unreachable: " + err.Error() + "\n"
	}
	if d.Usage != nil {
		if _, err := d.Usage.SQS.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(d.Usage.URL),
			AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}}); err != nil {
			msg += "sqs: usage queue unreachable: " + err.Error() + "\n"
		}
	}
	return msg
}
