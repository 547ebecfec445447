// Package queue is Turnpike's SQS access: sending messages, and, outside AWS,
// the event source mapping that polls a queue into a consumer function with
// the same SQS event Lambda would deliver.
package queue

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Queue is one queue to send to.
type Queue struct {
	SQS *sqs.Client
	URL string
}

// Client builds an SQS client; a local endpoint gets static credentials and a region.
func Client(ctx context.Context, endpoint string) (*sqs.Client, error) {
	hc := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = 64
		t.IdleConnTimeout = 20 * time.Second
	})
	opts := []func(*config.LoadOptions) error{config.WithHTTPClient(hc)}
	if endpoint != "" {
		region := os.Getenv("AWS_REGION")
		if region == "" {
			region = "us-east-1"
		}
		opts = append(opts, config.WithRegion(region),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		// AWS_CA_BUNDLE makes LoadDefaultConfig refuse a custom client.
		if cfg, err = config.LoadDefaultConfig(ctx, opts[1:]...); err != nil {
			return nil, fmt.Errorf("queue: load AWS config: %w", err)
		}
	}
	return sqs.NewFromConfig(cfg, func(o *sqs.Options) {
		// Retries that fit in a report's deadline, as the store's do.
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = 3
			so.MaxBackoff = 100 * time.Millisecond
		})
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
			o.HTTPClient = hc
		}
	}), nil
}

// FromEnv is the queue at the URL in env (USAGE_QUEUE_URL, say), or nil when unset.
func FromEnv(ctx context.Context, env string) (*Queue, error) {
	url := os.Getenv(env)
	if url == "" {
		return nil, nil
	}
	c, err := Client(ctx, os.Getenv("SQS_ENDPOINT"))
	if err != nil {
		return nil, err
	}
	return &Queue{SQS: c, URL: url}, nil
}

// Ping reads the queue's message count: an error says SQS does not answer
// (or the queue is gone).
func (q *Queue) Ping(ctx context.Context) error {
	if _, err := q.SQS.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(q.URL),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages}}); err != nil {
		return fmt.Errorf("sqs: queue %s unreachable: %w", q.URL, err)
	}
	return nil
}

// Send enqueues one message.
func (q *Queue) Send(ctx context.Context, body string) error {
	if _, err := q.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String(body)}); err != nil {
		return fmt.Errorf("queue: send: %w", err)
	}
	return nil
}

// SendDelayed enqueues one message that becomes visible after delay (at most 15 minutes).
func (q *Queue) SendDelayed(ctx context.Context, body string, delay time.Duration) error {
	secs := int32(min(max(delay, time.Second), 15*time.Minute) / time.Second)
	if _, err := q.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String(body),
		DelaySeconds: secs}); err != nil {
		return fmt.Errorf("queue: send: %w", err)
	}
	return nil
}

// Handler is a consumer function's entry point.
type Handler func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)

// Poll delivers the queue's messages to fn in batches until ctx ends, as
// Lambda's event source mapping does with ReportBatchItemFailures: messages
// fn reports as failed (or all, if it errs) stay and come back after the
// visibility timeout; the others are deleted.
func Poll(ctx context.Context, q *Queue, arn string, batch int32, fn Handler) {
	for ctx.Err() == nil {
		res, err := q.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(q.URL), MaxNumberOfMessages: batch, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
		})
		if err != nil {
			// Wait before polling again, unless ctx ends first.
			select {
			case <-ctx.Done():
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		if len(res.Messages) == 0 {
			continue
		}
		ev := events.SQSEvent{}
		for _, m := range res.Messages {
			attrs := map[string]string{}
			for k, v := range m.Attributes {
				attrs[k] = v
			}
			ev.Records = append(ev.Records, events.SQSMessage{MessageId: aws.ToString(m.MessageId), ReceiptHandle: aws.ToString(m.ReceiptHandle),
				Body: aws.ToString(m.Body), Md5OfBody: aws.ToString(m.MD5OfBody), Attributes: attrs,
				EventSource: "aws:sqs", EventSourceARN: arn, AWSRegion: "us-east-1"})
		}
		out, err := fn(ctx, ev)
		failed := map[string]bool{}
		for _, f := range out.BatchItemFailures {
			failed[f.ItemIdentifier] = true
		}
		for _, m := range ev.Records {
			if err != nil || failed[m.MessageId] {
				continue
			}
			q.SQS.DeleteMessage(context.WithoutCancel(ctx), &sqs.DeleteMessageInput{QueueUrl: aws.String(q.URL), ReceiptHandle: aws.String(m.ReceiptHandle)})
		}
	}
}
