package counter

import (
	"errors"
	"net"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// A counter write adds: it is not idempotent. The SDK's standard retryer
// retries a request whose answer was lost (a connection reset, a timeout, a
// 500), and when the first attempt did reach DynamoDB the usage counts twice.
// So a counter write is retried only when it cannot have been applied: the
// request was throttled (DynamoDB refused it before applying it) or the
// connection to send it was never made. Any other failure surfaces as it is
// (authrep answers 503): the usage may have counted once, never twice.
var writeOnce = retry.NewStandard(func(o *retry.StandardOptions) {
	o.MaxAttempts = 3
	o.MaxBackoff = 100 * time.Millisecond
	o.Retryables = []retry.IsErrorRetryable{
		retry.NoRetryCanceledError{},
		retry.RetryableErrorCode{Codes: retry.DefaultThrottleErrorCodes},
		retry.IsErrorRetryableFunc(notSent),
	}
})

// notSent says an error happened before the request left: dialing failed.
func notSent(err error) aws.Ternary {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return aws.TrueTernary
	}
	return aws.UnknownTernary
}

// sentOnce is the per-call option of every counter write.
func sentOnce(o *dynamodb.Options) { o.Retryer = writeOnce }
