package template_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"turnpike"
	"turnpike/infra/template"
	"turnpike/shared/transport/ops"
)

// AWS's default quotas (no increase requested).
const (
	maxResources        = 500   // per CloudFormation stack
	maxRoutes           = 300   // per HTTP API
	maxIntegrations     = 300   // per HTTP API, cannot be raised
	maxFunctionName     = 64    // Lambda
	maxRoleInlinePolicy = 10240 // all inline policies of a role together
	maxTrustPolicy      = 2048
)

// cfn-lint expands the template with the SAM translator, as `sam build` and
// CloudFormation do, and finds no error and no warning, in today's template
// and in the one of a synthetic registry of 300 operations.
func TestCfnLint(t *testing.T) {
	if _, err := exec.LookPath("cfn-lint"); err != nil {
		t.Fatal("cfn-lint is not installed: `pip install cfn-lint` (it brings aws-sam-translator, the SAM transform `sam build` runs)")
	}
	// template.yaml, and the template of 300 operations with every kind of function.
	synth := filepath.Join(t.TempDir(), "synthetic-300.yaml")
	if err := os.WriteFile(synth, template.RenderRegistry(synthetic(300)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"template.yaml", synth} {
		cmd := exec.Command("cfn-lint", file)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("cfn-lint %s: %v\n%s", file, err, out)
		}
	}
}

// expand runs the SAM translator on a template and returns what CloudFormation deploys.
func expand(t *testing.T, tpl []byte) map[string]any {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is not installed: the SAM translator of cfn-lint needs it (`pip install cfn-lint`)")
	}
	cmd := exec.Command(python, filepath.Join(root, "infra", "sam", "expand.py"))
	cmd.Stdin = bytes.NewReader(tpl)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("SAM translation failed (%v): %s", err, stderr.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

type expanded struct {
	t         *testing.T
	doc       map[string]any
	resources map[string]map[string]any
}

// expansions caches the translator's output by registry name: each run of the
// translator takes seconds.
var (
	expansionsMu sync.Mutex
	expansions   = map[string]map[string]any{}
)

func expandRegistry(t *testing.T, name string, r template.Registry) *expanded {
	expansionsMu.Lock()
	doc, ok := expansions[name]
	expansionsMu.Unlock()
	if !ok {
		src := turnpike.Template
		if name != "real" {
			src = template.RenderRegistry(r)
		}
		doc = expand(t, src)
		expansionsMu.Lock()
		expansions[name] = doc
		expansionsMu.Unlock()
	}
	e := &expanded{t: t, doc: doc, resources: map[string]map[string]any{}}
	for id, v := range doc["Resources"].(map[string]any) {
		e.resources[id] = v.(map[string]any)
	}
	return e
}

func (e *expanded) ofType(typ string) []string {
	var out []string
	for id, r := range e.resources {
		if r["Type"] == typ {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func propsOf(r map[string]any) map[string]any { p, _ := r["Properties"].(map[string]any); return p }

func registries() map[string]template.Registry {
	return map[string]template.Registry{"real": template.Current(), "synthetic-300": synthetic(300)}
}

// The expanded template fits AWS's default quotas, for today's registry and
// for a registry of 300 operations with every kind of function.
func TestQuotas(t *testing.T) {
	for name, r := range registries() {
		t.Run(name, func(t *testing.T) {
			e := expandRegistry(t, name, r)
			t.Logf("%d resources (limit %d)", len(e.resources), maxResources)
			if len(e.resources) > maxResources {
				t.Errorf("%d resources in one stack, CloudFormation allows %d", len(e.resources), maxResources)
			}
			for _, id := range e.ofType("AWS::ApiGatewayV2::Api") {
				body, _ := propsOf(e.resources[id])["Body"].(map[string]any)
				routes, integrations := 0, map[string]bool{}
				for _, m := range body["paths"].(map[string]any) {
					for _, op := range m.(map[string]any) {
						routes++
						in := op.(map[string]any)["x-amazon-apigateway-integration"].(map[string]any)
						if ref, ok := in["$ref"].(string); ok {
							integrations[ref] = true
						} else {
							b, _ := json.Marshal(in)
							integrations[string(b)] = true
						}
					}
				}
				t.Logf("%s: %d routes, %d integrations", id, routes, len(integrations))
				if routes > maxRoutes || len(integrations) > maxIntegrations {
					t.Errorf("%s: %d routes, %d integrations; HTTP APIs allow %d and %d", id, routes, len(integrations), maxRoutes, maxIntegrations)
				}
			}
			prefix := e.doc["Parameters"].(map[string]any)["FunctionPrefix"].(map[string]any)
			pattern := regexp.MustCompile(`\{0,(\d+)\}`).FindStringSubmatch(fmt.Sprint(prefix["AllowedPattern"]))
			var longest int
			if len(pattern) == 2 {
				fmt.Sscan(pattern[1], &longest)
				longest++
			}
			if longest == 0 || longest > template.MaxPrefix {
				t.Fatalf("FunctionPrefix pattern %v does not bound its length to %d", prefix["AllowedPattern"], template.MaxPrefix)
			}
			for _, id := range e.ofType("AWS::Lambda::Function") {
				s, _ := propsOf(e.resources[id])["FunctionName"].(map[string]any)["Fn::Sub"].(string)
				rest, ok := strings.CutPrefix(s, "${FunctionPrefix}")
				if !ok || strings.Contains(rest, "$") {
					t.Errorf("%s: function name %q is not <FunctionPrefix>-<name>", id, s)
				} else if n := longest + len(rest); n > maxFunctionName {
					t.Errorf("%s: function name up to %d characters, Lambda allows %d", id, n, maxFunctionName)
				}
			}
			for _, id := range e.ofType("AWS::IAM::Role") {
				p := propsOf(e.resources[id])
				if n := resolvedSize(p["Policies"]); n > maxRoleInlinePolicy {
					t.Errorf("%s: inline policies of about %d characters, IAM allows %d", id, n, maxRoleInlinePolicy)
				}
				if n := resolvedSize(p["AssumeRolePolicyDocument"]); n > maxTrustPolicy {
					t.Errorf("%s: trust policy of about %d characters, IAM allows %d", id, n, maxTrustPolicy)
				}
			}
		})
	}
}

// resolvedSize is the length of a policy once CloudFormation has resolved it,
// counting every intrinsic as the longest value it can take (a 256-character
// ARN is longer than any this template produces).
func resolvedSize(v any) int {
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k := range x {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return strings.Repeat("x", 256)
				}
			}
			out := map[string]any{}
			for k, c := range x {
				out[k] = walk(c)
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, c := range x {
				out[i] = walk(c)
			}
			return out
		}
		return v
	}
	b, _ := json.Marshal(walk(v))
	return len(b)
}

// statements of a role, with their actions and resources as strings.
type grant struct {
	actions   []string
	resources []string
}

func grants(t *testing.T, role map[string]any) []grant {
	var out []grant
	for _, p := range propsOf(role)["Policies"].([]any) {
		doc := p.(map[string]any)["PolicyDocument"].(map[string]any)
		for _, s := range doc["Statement"].([]any) {
			st := s.(map[string]any)
			if st["Effect"] != "Allow" {
				continue
			}
			var g grant
			for _, a := range asList(st["Action"]) {
				g.actions = append(g.actions, fmt.Sprint(a))
			}
			for _, r := range asList(st["Resource"]) {
				g.resources = append(g.resources, resourceName(r))
			}
			out = append(out, g)
		}
	}
	if arns, _ := propsOf(role)["ManagedPolicyArns"].([]any); len(arns) > 0 {
		t.Errorf("managed policies %v: AWS's managed policies grant on \"*\"", arns)
	}
	return out
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// resourceName names a policy resource: a logical id for !GetAtt X.Arn and
// ${X.Arn}/index/*, the string itself otherwise.
func resourceName(r any) string {
	switch x := r.(type) {
	case string:
		return x
	case map[string]any:
		if g, ok := x["Fn::GetAtt"].([]any); ok {
			if len(g) > 1 && g[1] == "StreamArn" {
				return fmt.Sprint(g[0]) + "/stream"
			}
			return fmt.Sprint(g[0])
		}
		if s, ok := x["Fn::Sub"].(string); ok {
			if m := regexp.MustCompile(`^\$\{(\w+)\.Arn\}/index/\*$`).FindStringSubmatch(s); m != nil {
				return m[1] + "/index"
			}
			return s
		}
	}
	b, _ := json.Marshal(r)
	return string(b)
}

var (
	readActions  = "dynamodb:GetItem dynamodb:BatchGetItem dynamodb:Query dynamodb:ConditionCheckItem"
	writeActions = readActions + " dynamodb:PutItem dynamodb:UpdateItem dynamodb:DeleteItem dynamodb:BatchWriteItem"
)

// Each kind of function gets what it needs and nothing else: the hot path
// reads its tables and conditionally updates counters; admin functions touch
// the tenant tables only; a consumer reads its own queue; no policy grants on
// "*" or with a wildcard action.
func TestLeastPrivilege(t *testing.T) {
	for name, r := range registries() {
		t.Run(name, func(t *testing.T) {
			e := expandRegistry(t, name, r)
			kind := map[string]string{} // function logical id → kind
			queueOf := map[string]string{}
			outbox := map[string]bool{}
			for _, op := range r.Ops {
				kind[template.LogicalID(op.Name)] = string(op.API())
			}
			for _, c := range r.Consumers {
				kind[template.LogicalID(c.Name)] = "consumer"
				queueOf[template.LogicalID(c.Name)] = c.Queue
				outbox[template.LogicalID(c.Name)] = c.Outbox
			}
			for _, s := range r.Schedules {
				kind[template.LogicalID(s.Name)] = "schedule"
			}
			for _, g := range r.Gateways {
				kind[template.LogicalID(g.Name)] = "gateway"
			}
			for _, a := range r.Authorizers {
				kind[template.LogicalID(a.Name)] = "authorizer"
			}
			tableOf := map[string]string{}
			for _, st := range r.Streams {
				kind[template.LogicalID(st.Name)] = "stream"
				tableOf[template.LogicalID(st.Name)] = st.Table
			}
			for _, id := range e.ofType("AWS::IAM::Role") {
				for _, g := range grants(t, e.resources[id]) {
					for _, res := range g.resources {
						if res == "*" || res == "arn:aws:*" {
							t.Errorf("%s grants %v on \"*\"", id, g.actions)
						}
					}
					for _, a := range g.actions {
						if strings.Contains(a, "*") {
							t.Errorf("%s grants the wildcard action %s", id, a)
						}
					}
				}
			}
			fns := e.ofType("AWS::Lambda::Function")
			if len(fns) != len(kind) {
				t.Errorf("%d functions, registry %d", len(fns), len(kind))
			}
			for _, id := range fns {
				roleID := propsOf(e.resources[id])["Role"].(map[string]any)["Fn::GetAtt"].([]any)[0].(string)
				var allowed map[string]string // resource → allowed actions
				switch kind[id] {
				case "gateway", "authorizer":
					// No report goes through them: no queue, no usage table.
					allowed = map[string]string{"EntitiesTable": readActions, "CountersTable": readActions + " dynamodb:UpdateItem"}
				case string(ops.ServiceManagementAPI):
					// PutItem on the usage table: a report withdrawn when SQS did not answer.
					allowed = map[string]string{"EntitiesTable": readActions, "CountersTable": readActions + " dynamodb:UpdateItem",
						"UsageTable": "dynamodb:PutItem"}
					for _, c := range r.Consumers {
						allowed[c.Queue] = "sqs:SendMessage"
					}
				case string(ops.AdminAPI):
					// The master's immediate purge erases counter items, in batches.
					allowed = map[string]string{"EntitiesTable": writeActions, "UsageTable": writeActions, "CountersTable": "dynamodb:BatchWriteItem"}
					for _, c := range r.Consumers {
						if c.Outbox {
							allowed[c.Queue] = "sqs:SendMessage"
						}
					}
				case "consumer":
					allowed = map[string]string{"EntitiesTable": readActions, "CountersTable": readActions + " dynamodb:UpdateItem",
						"UsageTable": writeActions, queueOf[id]: "sqs:ReceiveMessage sqs:DeleteMessage sqs:ChangeMessageVisibility sqs:GetQueueAttributes"}
					if outbox[id] { // writes its events and enqueues their retries
						allowed["EntitiesTable"] = writeActions
						allowed[queueOf[id]] += " sqs:SendMessage"
					}
				case "stream":
					// Its stream, the tenants (GetItem), the usage table: nothing of the counters themselves.
					allowed = map[string]string{tableOf[id] + "/stream": "dynamodb:DescribeStream dynamodb:GetRecords dynamodb:GetShardIterator",
						"${" + tableOf[id] + ".Arn}/stream/*": "dynamodb:ListStreams",
						"EntitiesTable":                       "dynamodb:GetItem", "UsageTable": writeActions}
				case "schedule":
					allowed = map[string]string{"EntitiesTable": writeActions, "CountersTable": writeActions, "UsageTable": writeActions}
					for _, c := range r.Consumers {
						allowed[c.Queue] = "sqs:SendMessage"
					}
				default:
					t.Errorf("%s: not a function of the registry", id)
					continue
				}
				for k, v := range allowed {
					if strings.HasSuffix(k, "Table") {
						allowed[k+"/index"] = v
					}
				}
				for _, g := range grants(t, e.resources[roleID]) {
					for _, res := range g.resources {
						if strings.Contains(res, ":log-group:/aws/lambda/${FunctionPrefix}-*") {
							continue // its own logs
						}
						ok := strings.Fields(allowed[res])
						for _, a := range g.actions {
							if !contains(ok, a) {
								t.Errorf("%s (%s, role %s) may %s on %s", id, kind[id], roleID, a, res)
							}
						}
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Data is safe by default: tables keep point-in-time recovery and survive a
// stack deletion; every queue that is not a dead-letter queue has one; the
// master token is a NoEcho parameter, never a literal.
func TestSafeData(t *testing.T) {
	e := expandRegistry(t, "real", template.Current())
	for _, id := range e.ofType("AWS::DynamoDB::Table") {
		r := e.resources[id]
		p := propsOf(r)
		pitr, _ := p["PointInTimeRecoverySpecification"].(map[string]any)
		if pitr["PointInTimeRecoveryEnabled"] != true {
			t.Errorf("%s: no point-in-time recovery", id)
		}
		if p["DeletionProtectionEnabled"] != true && r["DeletionPolicy"] != "Retain" {
			t.Errorf("%s: neither deletion protection nor a Retain policy", id)
		}
		if p["BillingMode"] != "PAY_PER_REQUEST" {
			t.Errorf("%s: not on-demand: it would cost money at rest", id)
		}
	}
	dlqs := map[string]bool{}
	for _, id := range e.ofType("AWS::SQS::Queue") {
		if rp, ok := propsOf(e.resources[id])["RedrivePolicy"].(map[string]any); ok {
			dlqs[resourceName(rp["deadLetterTargetArn"])] = true
		}
	}
	for _, id := range e.ofType("AWS::SQS::Queue") {
		if !dlqs[id] && propsOf(e.resources[id])["RedrivePolicy"] == nil {
			t.Errorf("queue %s has no dead-letter queue", id)
		}
	}
	tok := e.doc["Parameters"].(map[string]any)["MasterAccessToken"].(map[string]any)
	if tok["NoEcho"] != true || tok["Default"] != nil {
		t.Errorf("MasterAccessToken: %v; want a NoEcho parameter without a default", tok)
	}
}

// The template takes every kind of function the registry knows: a consumer
// gets its own queue, dead-letter queue and event source mapping; a schedule
// an EventBridge rule; a gateway a function URL; the admin API is a chain of
// HTTP APIs in which each forwards what it does not serve to the next.
func TestShapeOfEveryKind(t *testing.T) {
	r := synthetic(300)
	e := expandRegistry(t, "synthetic-300", r)
	for _, c := range r.Consumers {
		q := propsOf(e.resources[c.Queue])
		if q == nil || resourceName(q["RedrivePolicy"].(map[string]any)["deadLetterTargetArn"]) != c.DeadLetterQueue() {
			t.Errorf("%s: queue %s without its dead-letter queue %s", c.Name, c.Queue, c.DeadLetterQueue())
		}
		found := false
		for _, id := range e.ofType("AWS::Lambda::EventSourceMapping") {
			p := propsOf(e.resources[id])
			if resourceName(p["EventSourceArn"]) == c.Queue && resourceName(map[string]any{"Fn::GetAtt": []any{fmt.Sprint(p["FunctionName"].(map[string]any)["Ref"])}}) == template.LogicalID(c.Name) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no event source mapping from %s", c.Name, c.Queue)
		}
	}
	for _, st := range r.Streams {
		// The table keeps a stream of new images (enough: a write that
		// records nothing removes the record); a mapping reads it from its
		// oldest record into the function, in batches.
		spec, _ := propsOf(e.resources[st.Table])["StreamSpecification"].(map[string]any)
		if spec["StreamViewType"] != "NEW_IMAGE" && spec["StreamViewType"] != "NEW_AND_OLD_IMAGES" {
			t.Errorf("%s: table %s has no stream of new images: %v", st.Name, st.Table, spec)
		}
		found := false
		for _, id := range e.ofType("AWS::Lambda::EventSourceMapping") {
			p := propsOf(e.resources[id])
			if resourceName(p["EventSourceArn"]) == st.Table+"/stream" && p["StartingPosition"] == "TRIM_HORIZON" &&
				fmt.Sprint(p["BatchSize"]) == fmt.Sprint(st.Batch) && fmt.Sprint(p["MaximumBatchingWindowInSeconds"]) == fmt.Sprint(st.Window) &&
				fmt.Sprint(p["FunctionName"].(map[string]any)["Ref"]) == template.LogicalID(st.Name) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no event source mapping from the stream of %s", st.Name, st.Table)
		}
	}
	for _, s := range r.Schedules {
		found := false
		for _, id := range e.ofType("AWS::Events::Rule") {
			p := propsOf(e.resources[id])
			target := p["Targets"].([]any)[0].(map[string]any)
			if p["ScheduleExpression"] == s.Rate && resourceName(target["Arn"]) == template.LogicalID(s.Name) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no EventBridge rule %s", s.Name, s.Rate)
		}
	}
	for _, g := range r.Gateways {
		u := e.resources[template.LogicalID(g.Name)+"Url"]
		if u == nil || u["Type"] != "AWS::Lambda::Url" {
			t.Errorf("%s: no function URL", g.Name)
		}
	}
	for _, a := range r.Authorizers {
		found := false
		for _, id := range e.ofType("AWS::Lambda::Permission") {
			p := propsOf(e.resources[id])
			if resourceName(p["FunctionName"]) == template.LogicalID(a.Name) && p["Principal"] == "apigateway.amazonaws.com" &&
				p["SourceAccount"] != nil && strings.Contains(fmt.Sprint(p["SourceArn"]), "/authorizers/") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no permission for API Gateway (this account's authorizers only) to invoke it", a.Name)
		}
		if _, ok := e.doc["Outputs"].(map[string]any)[strings.TrimSuffix(template.LogicalID(a.Name), "Function")+"Arn"]; !ok {
			t.Errorf("%s: no output with its ARN", a.Name)
		}
	}
	apis := template.Partition(r.Ops[:300])
	if len(apis) < 2 {
		t.Fatalf("300 operations fit one API? %d", len(apis))
	}
	for i := 0; i+1 < len(apis); i++ {
		id := "AdminApi"
		if i > 0 {
			id = fmt.Sprintf("AdminApi%d", i+1)
		}
		body := propsOf(e.resources[id])["Body"].(map[string]any)
		next := body["components"].(map[string]any)["x-amazon-apigateway-integrations"].(map[string]any)["Next"].(map[string]any)
		want := fmt.Sprintf("https://${AdminApi%d}.execute-api.${AWS::Region}.${AWS::URLSuffix}/{proxy}", i+2)
		if next["type"] != "http_proxy" || next["uri"].(map[string]any)["Fn::Sub"] != want {
			t.Errorf("%s does not forward to AdminApi%d: %v", id, i+2, next)
		}
	}
}
