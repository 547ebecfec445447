package e2e

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/platform/counter"
	"turnpike/shared/servicemgmt/usage"
)

// streamRecord is a counter write as the counters table's stream delivers
// it: the write numbered seq of an application's item, recording hits.
func streamRecord(f *sm, id string, seq, hits int64) events.DynamoDBEventRecord {
	h, err := usage.EncodeHistory([]usage.Counted{{Tenant: f.tn.ID, Service: f.svc, App: f.app.ID, At: time.Now().Unix(), Code: "200",
		Usage: []usage.Delta{{Metric: f.metrics["hits"], N: hits}}}})
	if err != nil {
		f.t.Fatal(err)
	}
	key := counter.Key(f.tn.ID, f.app.ID)
	img := func(n int64) map[string]events.DynamoDBAttributeValue {
		return map[string]events.DynamoDBAttributeValue{"C": events.NewStringAttribute(key),
			counter.HistoryAttr: events.NewStringAttribute(h), counter.HistorySeqAttr: events.NewNumberAttribute(fmt.Sprint(n))}
	}
	return events.DynamoDBEventRecord{EventID: id, EventName: "MODIFY", EventSource: "aws:dynamodb",
		Change: events.DynamoDBStreamRecord{Keys: map[string]events.DynamoDBAttributeValue{"C": events.NewStringAttribute(key)},
			NewImage: img(seq), OldImage: img(seq - 1), SequenceNumber: fmt.Sprint(1000 + seq), StreamViewType: "NEW_AND_OLD_IMAGES"}}
}

// The history function counts a batch of stream records once, however often
// it is delivered (Lambda retries a failed batch whole): the same batch twice
// adds its usage once; another batch adds its own; a record whose write
// recorded nothing new (the history sequence did not move) adds nothing.
func TestSMHistoryStreamReplay(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	d := f.env.Server.Deps
	ctx := context.Background()
	batch := []events.DynamoDBEventRecord{streamRecord(f, testenv.Unique("ev-a"), 1, 2), streamRecord(f, testenv.Unique("ev-b"), 2, 3)}
	for i := 0; i < 2; i++ {
		if err := usage.ApplyStream(ctx, d, batch); err != nil {
			t.Fatal(err)
		}
	}
	app := "/stats/applications/" + testenv.S(f.app.ID) + "/usage.json"
	status(t, f.stats(app, url.Values{"metric_name": {"hits"}, "granularity": {"eternity"}}), 200, `"total":5`)
	status(t, f.stats(app, url.Values{"response_code": {"200"}, "granularity": {"hour"}}), 200, `"total":2`)
	same := streamRecord(f, testenv.Unique("ev-c"), 3, 7)
	delete(same.Change.NewImage, counter.HistoryAttr) // a write that recorded no usage removes the record
	if err := usage.ApplyStream(ctx, d, []events.DynamoDBEventRecord{streamRecord(f, testenv.Unique("ev-d"), 4, 1), same}); err != nil {
		t.Fatal(err)
	}
	status(t, f.stats(app, url.Values{"metric_name": {"hits"}, "granularity": {"eternity"}}), 200, `"total":6`)
	status(t, f.stats("/stats/services/"+testenv.S(f.svc)+"/usage.json", url.Values{"metric_name": {"hits"}, "granularity": {"day"}}), 200, `"total":6`)
}
