package template

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"turnpike/infra/cfn"
	"turnpike/shared/transport/ops"
)

// Every queue consumer is a function fed by an SQS event on a queue of the
// template, whose visibility timeout covers the function's timeout and whose
// failures end in a dead-letter queue; template.yaml is up to date.
func TestConsumers(t *testing.T) {
	rendered := Render()
	if disk, err := os.ReadFile("../../template.yaml"); err != nil || string(disk) != string(rendered) {
		t.Fatalf("template.yaml is not what `make template` renders (%v)", err)
	}
	tpl, err := cfn.Parse(rendered)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ops.Consumers() {
		fn, ok := tpl.Resources[LogicalID(c.Name)]
		if !ok || fn.Type != "AWS::Serverless::Function" {
			t.Fatalf("%s: no function", c.Name)
		}
		ev, _ := fn.Properties["Events"].(map[string]any)["Queue"].(map[string]any)
		props, _ := ev["Properties"].(map[string]any)
		att, _ := props["Queue"].(map[string]any)["Fn::GetAtt"].([]any)
		if ev["Type"] != "SQS" || len(att) != 2 || att[0] != c.Queue || att[1] != "Arn" {
			t.Fatalf("%s: event %v", c.Name, ev)
		}
		q, ok := tpl.Resources[c.Queue]
		if !ok || q.Type != "AWS::SQS::Queue" {
			t.Fatalf("%s: queue %s missing", c.Name, c.Queue)
		}
		if vt, _ := strconv.Atoi(fmt.Sprint(q.Properties["VisibilityTimeout"])); vt < 6*ConsumerTimeout {
			t.Fatalf("%s: visibility timeout %d < function timeout %d", c.Queue, vt, ConsumerTimeout)
		}
		rp, _ := q.Properties["RedrivePolicy"].(map[string]any)
		dlq, _ := rp["deadLetterTargetArn"].(map[string]any)["Fn::GetAtt"].([]any)
		if len(dlq) != 2 || tpl.Resources[fmt.Sprint(dlq[0])].Type != "AWS::SQS::Queue" {
			t.Fatalf("%s: no dead-letter queue: %v", c.Queue, rp)
		}
		if _, err := os.Stat("../../events/" + c.Name + ".json"); err != nil {
			t.Fatalf("%s: %v (run make template)", c.Name, err)
		}
	}
}
