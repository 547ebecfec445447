package cfn

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// LocalQueueName is the name a template queue gets outside AWS: "UsageQueue" → "turnpike-usage".
func LocalQueueName(logicalID string) string {
	return "turnpike-" + strings.ToLower(strings.TrimSuffix(logicalID, "Queue"))
}

// MaxLocalVisibility caps visibility timeouts locally, so that a failed
// message comes back within seconds rather than the minutes AWS needs.
const MaxLocalVisibility = 10

// CreateQueues creates the template's AWS::SQS::Queue resources (dead-letter
// queues first, with their redrive policies) and returns their URLs by logical id.
func CreateQueues(ctx context.Context, client *sqs.Client, template []byte) (map[string]string, error) {
	t, err := Parse(template)
	if err != nil {
		return nil, err
	}
	names := t.OfType("AWS::SQS::Queue")
	// A queue with a redrive policy needs its dead-letter queue's ARN: create those last.
	sort.Slice(names, func(i, j int) bool {
		ri, rj := t.Resources[names[i]].Properties["RedrivePolicy"] != nil, t.Resources[names[j]].Properties["RedrivePolicy"] != nil
		if ri != rj {
			return !ri
		}
		return names[i] < names[j]
	})
	urls, arns := map[string]string{}, map[string]string{}
	for _, name := range names {
		p := t.Resources[name].Properties
		attrs := map[string]string{}
		if v, ok := p["VisibilityTimeout"]; ok {
			n, _ := strconv.Atoi(fmt.Sprint(v))
			attrs["VisibilityTimeout"] = strconv.Itoa(min(n, MaxLocalVisibility))
		}
		if rp, ok := p["RedrivePolicy"].(map[string]any); ok {
			target := ""
			if g, ok := rp["deadLetterTargetArn"].(map[string]any); ok {
				if l, ok := g["Fn::GetAtt"].([]any); ok && len(l) > 0 {
					target = fmt.Sprint(l[0])
				}
			}
			arn, ok := arns[target]
			if !ok {
				return nil, fmt.Errorf("cfn: queue %s: dead-letter queue %q unknown", name, target)
			}
			attrs["RedrivePolicy"] = fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":%v}`, arn, rp["maxReceiveCount"])
		}
		res, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(LocalQueueName(name)), Attributes: attrs})
		if err != nil {
			return nil, fmt.Errorf("cfn: create queue %s: %w", name, err)
		}
		urls[name] = aws.ToString(res.QueueUrl)
		a, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: res.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{"QueueArn"}})
		if err != nil {
			return nil, fmt.Errorf("cfn: queue %s: %w", name, err)
		}
		arns[name] = a.Attributes["QueueArn"]
	}
	return urls, nil
}
