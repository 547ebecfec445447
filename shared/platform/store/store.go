// Package store is Turnpike's DynamoDB access: the client, the table names,
// key conventions, id sequences and the write transaction every admin change goes
// through. Domain packages own their item shapes; this package owns the mechanics.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Config names the tables and, for local runs, the endpoint.
type Config struct {
	Endpoint string // "" = AWS
	Entities string
	Counters string
	Usage    string // "" = DefaultUsage
}

// Default table names used locally and in tests; on AWS the template passes its own.
const (
	DefaultEntities = "turnpike-entities"
	DefaultCounters = "turnpike-counters"
	DefaultUsage    = "turnpike-usage"
)

// ConfigFromEnv reads DYNAMODB_ENDPOINT, ENTITIES_TABLE and COUNTERS_TABLE.
func ConfigFromEnv() Config {
	c := Config{
		Endpoint: os.Getenv("DYNAMODB_ENDPOINT"),
		Entities: os.Getenv("ENTITIES_TABLE"),
		Counters: os.Getenv("COUNTERS_TABLE"),
		Usage:    os.Getenv("USAGE_TABLE"),
	}
	if c.Entities == "" {
		c.Entities = DefaultEntities
	}
	if c.Counters == "" {
		c.Counters = DefaultCounters
	}
	return c
}

// Store holds the client and table names.
type Store struct {
	DB       *dynamodb.Client
	Entities string
	Counters string
	// Usage holds what is written off the hot path: usage history, integration
	// errors, and the markers that make the usage consumer idempotent.
	Usage string
}

// Open builds the DynamoDB client. A local endpoint gets static credentials, a
// region, and no response checksum validation (DynamoDB Local's errors would
// otherwise log a warning on every call).
func Open(ctx context.Context, c Config) (*Store, error) {
	// Idle connections are dropped before DynamoDB Local's ~30 s idle cut-off,
	// and enough are kept per host for a concurrent hot path.
	hc := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = 256
		t.MaxIdleConnsPerHost = 256
		t.IdleConnTimeout = 20 * time.Second
	})
	opts := []func(*config.LoadOptions) error{config.WithHTTPClient(hc)}
	if c.Endpoint != "" {
		opts = append(opts,
			config.WithRegion(envOr("AWS_REGION", "us-east-1")),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		// AWS_CA_BUNDLE makes LoadDefaultConfig refuse a custom client; fall back
		// to the default client and set ours on the service options instead.
		opts = opts[1:]
		if cfg, err = config.LoadDefaultConfig(ctx, opts...); err != nil {
			return nil, fmt.Errorf("store: load AWS config: %w", err)
		}
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
			o.DisableValidateResponseChecksum = true
			o.HTTPClient = hc
		}
		o.Retryer = Retryer()
	})
	if c.Usage == "" {
		c.Usage = DefaultUsage
	}
	return &Store{DB: db, Entities: c.Entities, Counters: c.Counters, Usage: c.Usage}, nil
}

// Retryer bounds the SDK's retries so that they fit in a request's deadline:
// three attempts, at most 100 ms apart. A DynamoDB that does not answer is
// cut off by the caller's context (authrep gives a call under a second), not
// by the SDK's default of 20 s backoffs.
func Retryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 3
		o.MaxBackoff = 100 * time.Millisecond
	})
}

// FromEnv opens the store configured by the environment.
func FromEnv(ctx context.Context) (*Store, error) { return Open(ctx, ConfigFromEnv()) }

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

// ErrNotFound is returned by Get when the item does not exist.
var ErrNotFound = errors.New("store: item not found")

// Ping reads a key of the counters table, a read every function's role may
// make: an error says DynamoDB does not answer (or the table is gone).
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.Counters),
		Key: map[string]types.AttributeValue{"C": &types.AttributeValueMemberS{Value: "check"}}})
	if err != nil {
		return fmt.Errorf("dynamodb: table %s unreachable: %w", s.Counters, err)
	}
	return nil
}
