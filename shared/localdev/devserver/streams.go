package devserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	st "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"turnpike/infra/cfn"
	"turnpike/shared/platform/store"
	"turnpike/shared/transport/ops"
)

// streamWindow, when STREAM_BATCH_WINDOW is set, replaces every stream
// consumer's batching window locally: tests want the history within a
// second, the benchmark the template's window.
func streamWindow() time.Duration {
	v, _ := time.ParseDuration(os.Getenv("STREAM_BATCH_WINDOW"))
	return v
}

// streamIdle is how long a poller waits between two reads of a shard, as
// Lambda's event source mapping polls a shard about four times a second:
// reading in a tight loop would take DynamoDB Local's CPU from the hot path.
const streamIdle = 250 * time.Millisecond

// streamPoller feeds a table's stream into a stream consumer as Lambda's
// event source mapping does on AWS: every shard from its oldest record,
// parents before children, in batches of up to the consumer's batch size
// gathered for up to its window, a failed batch retried whole. Its position
// is durable (an item of the usage table per shard): the range of a batch is
// recorded before the batch is applied, and a poller that finds a range
// recorded (its process was killed meanwhile) applies exactly that range
// again, whose markers make it count once. So killing the runner neither
// loses nor doubles history.
type streamPoller struct {
	c      *dynamodbstreams.Client
	s      *store.Store
	fn     ops.Stream
	arn    string
	h      func(context.Context, events.DynamoDBEvent) error
	window time.Duration
}

// position is a shard's checkpoint: the last sequence number applied, the
// range of the batch being applied (empty when none), whether the shard is
// closed and read to its end.
type position struct {
	PK     string `dynamodbav:"PK"`
	SK     string `dynamodbav:"SK"`
	Done   string `dynamodbav:"done,omitempty"`
	First  string `dynamodbav:"first,omitempty"`
	Last   string `dynamodbav:"last,omitempty"`
	Closed bool   `dynamodbav:"closed,omitempty"`
}

// startStreams starts one poller per stream consumer of the registry.
func (s *Server) startStreams(ctx context.Context) error {
	if len(ops.Streams()) == 0 {
		return nil
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	if err != nil {
		return fmt.Errorf("devserver: streams: %w", err)
	}
	c := dynamodbstreams.NewFromConfig(cfg, func(o *dynamodbstreams.Options) {
		o.BaseEndpoint = aws.String(s.Stack.DynamoDBEndpoint)
	})
	pctx, cancel := context.WithCancel(context.Background())
	s.streams = &consumers{cancel: cancel}
	for _, fn := range ops.Streams() {
		d, err := s.Deps.Store.DB.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(cfn.LocalTableName(fn.Table))})
		if err != nil {
			cancel()
			return fmt.Errorf("devserver: stream of %s: %w", fn.Table, err)
		}
		arn := aws.ToString(d.Table.LatestStreamArn)
		if arn == "" {
			cancel()
			return fmt.Errorf("devserver: table %s has no stream: the template's StreamSpecification did not apply", fn.Table)
		}
		p := &streamPoller{c: c, s: s.Deps.Store, fn: fn, arn: arn, h: fn.Build(s.Deps), window: time.Duration(fn.Window) * time.Second}
		if w := streamWindow(); w > 0 {
			p.window = w
		}
		s.streams.wg.Go(func() { p.run(pctx) })
	}
	return nil
}

func (p *streamPoller) run(ctx context.Context) {
	for ctx.Err() == nil {
		worked, err := p.round(ctx)
		if err != nil && ctx.Err() == nil {
			slog.Error("devserver: stream consumer", "function", p.fn.Name, "error", err)
			worked = false
		}
		if !worked {
			sleep(ctx, streamIdle)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func (p *streamPoller) pk() string { return "STREAMPOS#" + p.fn.Name }

// round gives every readable shard one batch; worked says whether any had records.
func (p *streamPoller) round(ctx context.Context) (bool, error) {
	shards, err := p.shards(ctx)
	if err != nil {
		return false, err
	}
	var saved []position
	if err := p.s.UsagePartition(ctx, p.pk(), false, 0, &saved); err != nil {
		return false, err
	}
	pos := map[string]*position{}
	for i := range saved {
		pos[saved[i].SK] = &saved[i]
	}
	known := map[string]bool{}
	for _, sh := range shards {
		known[aws.ToString(sh.ShardId)] = true
	}
	worked := false
	for _, sh := range shards {
		id := aws.ToString(sh.ShardId)
		cp := pos[id]
		if cp == nil {
			cp = &position{PK: p.pk(), SK: id}
		}
		if cp.Closed {
			continue
		}
		if parent := aws.ToString(sh.ParentShardId); parent != "" && known[parent] && (pos[parent] == nil || !pos[parent].Closed) {
			continue // its parent's records come first
		}
		n, err := p.shard(ctx, id, cp)
		if err != nil {
			return worked, err
		}
		worked = worked || n > 0
	}
	return worked, nil
}

func (p *streamPoller) shards(ctx context.Context) ([]st.Shard, error) {
	var out []st.Shard
	in := &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(p.arn)}
	for {
		res, err := p.c.DescribeStream(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("describe stream: %w", err)
		}
		out = append(out, res.StreamDescription.Shards...)
		if res.StreamDescription.LastEvaluatedShardId == nil {
			break
		}
		in.ExclusiveStartShardId = res.StreamDescription.LastEvaluatedShardId
	}
	sort.SliceStable(out, func(i, j int) bool {
		return seqLess(aws.ToString(out[i].SequenceNumberRange.StartingSequenceNumber), aws.ToString(out[j].SequenceNumberRange.StartingSequenceNumber))
	})
	return out, nil
}

// seqLess orders sequence numbers: decimal strings of any length.
func seqLess(a, b string) bool { return len(a) < len(b) || (len(a) == len(b) && a < b) }

// shard applies one batch of a shard: the recorded one if a batch was cut
// short, else the next records; it returns how many records it applied.
func (p *streamPoller) shard(ctx context.Context, id string, cp *position) (int, error) {
	var recs []st.Record
	closed := false
	var err error
	if cp.First != "" {
		slog.Info("devserver: applying again a batch cut short", "function", p.fn.Name, "shard", id, "first", cp.First, "last", cp.Last)
		recs, err = p.replay(ctx, id, cp.First, cp.Last)
	} else {
		recs, closed, err = p.next(ctx, id, cp.Done)
	}
	if err != nil {
		return 0, err
	}
	if len(recs) > 0 && cp.First == "" {
		cp.First, cp.Last = seqOf(recs[0]), seqOf(recs[len(recs)-1])
		if err := p.s.PutUsage(ctx, cp); err != nil {
			return 0, err
		}
		if os.Getenv("STREAM_HOLD_BEFORE_APPLY") != "" {
			// For a test that kills the process here: the range is recorded, nothing applied.
			slog.Info("devserver: stream batch recorded, holding before applying it", "function", p.fn.Name, "records", len(recs))
			<-ctx.Done()
			return 0, ctx.Err()
		}
	}
	if len(recs) > 0 {
		if err := p.apply(ctx, recs); err != nil {
			return 0, fmt.Errorf("batch %s…%s of shard %s (retried): %w", cp.First, cp.Last, id, err)
		}
		cp.Done = cp.Last
	}
	if len(recs) == 0 && !closed {
		return 0, nil
	}
	cp.First, cp.Last, cp.Closed = "", "", closed
	return len(recs), p.s.PutUsage(ctx, cp)
}

// next gathers the records after done: up to the batch size, for up to the
// window once the first record came, or what is left of a closed shard.
func (p *streamPoller) next(ctx context.Context, shard, done string) ([]st.Record, bool, error) {
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(p.arn), ShardId: aws.String(shard), ShardIteratorType: st.ShardIteratorTypeTrimHorizon}
	if done != "" {
		in.ShardIteratorType, in.SequenceNumber = st.ShardIteratorTypeAfterSequenceNumber, aws.String(done)
	}
	it, err := p.c.GetShardIterator(ctx, in)
	if err != nil {
		return nil, false, fmt.Errorf("shard iterator: %w", err)
	}
	iter := it.ShardIterator
	var recs []st.Record
	var first time.Time
	for iter != nil {
		res, err := p.c.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(int32(min(1000, p.fn.Batch-len(recs))))})
		if err != nil {
			return nil, false, fmt.Errorf("get records of shard %s after %q (%d gathered): %w", shard, done, len(recs), err)
		}
		recs = append(recs, res.Records...)
		iter = res.NextShardIterator
		if len(recs) > 0 && first.IsZero() {
			first = time.Now()
		}
		if len(recs) >= p.fn.Batch || (len(recs) > 0 && time.Since(first) >= p.window) {
			return recs, false, nil
		}
		if len(recs) == 0 && len(res.Records) == 0 {
			return nil, iter == nil, nil
		}
		if iter != nil {
			sleep(ctx, min(streamIdle, p.window-time.Since(first)))
			if ctx.Err() != nil {
				return nil, false, ctx.Err()
			}
		}
	}
	return recs, true, nil
}

// replay reads again exactly the records first … last of a shard.
func (p *streamPoller) replay(ctx context.Context, shard, first, last string) ([]st.Record, error) {
	it, err := p.c.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(p.arn), ShardId: aws.String(shard),
		ShardIteratorType: st.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(first)})
	if err != nil {
		return nil, fmt.Errorf("shard iterator: %w", err)
	}
	iter := it.ShardIterator
	var recs []st.Record
	for iter != nil {
		res, err := p.c.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(1000)})
		if err != nil {
			return nil, fmt.Errorf("get records: %w", err)
		}
		for _, r := range res.Records {
			recs = append(recs, r)
			if seqOf(r) == last {
				return recs, nil
			}
		}
		iter = res.NextShardIterator
		if len(res.Records) == 0 {
			sleep(ctx, streamIdle)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
	}
	return nil, errors.New("the recorded batch ends past its shard: records trimmed")
}

func seqOf(r st.Record) string { return aws.ToString(r.Dynamodb.SequenceNumber) }

// apply hands a batch to the consumer as Lambda would deliver it.
func (p *streamPoller) apply(ctx context.Context, recs []st.Record) error {
	ev := events.DynamoDBEvent{Records: make([]events.DynamoDBEventRecord, len(recs))}
	for i, r := range recs {
		id := aws.ToString(r.EventID)
		if id == "" {
			id = seqOf(r)
		}
		ev.Records[i] = events.DynamoDBEventRecord{
			EventID: id, EventName: string(r.EventName), EventSource: "aws:dynamodb", EventVersion: aws.ToString(r.EventVersion),
			AWSRegion: "us-east-1", EventSourceArn: p.arn,
			Change: events.DynamoDBStreamRecord{
				Keys: image(r.Dynamodb.Keys), NewImage: image(r.Dynamodb.NewImage), OldImage: image(r.Dynamodb.OldImage),
				SequenceNumber: seqOf(r), StreamViewType: string(r.Dynamodb.StreamViewType),
			},
		}
	}
	return p.h(ctx, ev)
}

func image(m map[string]st.AttributeValue) map[string]events.DynamoDBAttributeValue {
	if m == nil {
		return nil
	}
	out := make(map[string]events.DynamoDBAttributeValue, len(m))
	for k, v := range m {
		out[k] = attr(v)
	}
	return out
}

func attr(v st.AttributeValue) events.DynamoDBAttributeValue {
	switch x := v.(type) {
	case *st.AttributeValueMemberS:
		return events.NewStringAttribute(x.Value)
	case *st.AttributeValueMemberN:
		return events.NewNumberAttribute(x.Value)
	case *st.AttributeValueMemberB:
		return events.NewBinaryAttribute(x.Value)
	case *st.AttributeValueMemberBOOL:
		return events.NewBooleanAttribute(x.Value)
	case *st.AttributeValueMemberSS:
		return events.NewStringSetAttribute(x.Value)
	case *st.AttributeValueMemberNS:
		return events.NewNumberSetAttribute(x.Value)
	case *st.AttributeValueMemberBS:
		return events.NewBinarySetAttribute(x.Value)
	case *st.AttributeValueMemberL:
		l := make([]events.DynamoDBAttributeValue, len(x.Value))
		for i, e := range x.Value {
			l[i] = attr(e)
		}
		return events.NewListAttribute(l)
	case *st.AttributeValueMemberM:
		return events.NewMapAttribute(image(x.Value))
	}
	return events.NewNullAttribute()
}
