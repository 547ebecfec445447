// Package template renders template.yaml from base.yaml (parameters, globals,
// tables) and a registry of functions: operations behind HTTP APIs, queue
// consumers with their queues, scheduled functions and gateways. See
// docs/design.md ("Deployment shape") for why it is shaped this way.
package template

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"turnpike/shared/transport/lambdafn"
	"turnpike/shared/transport/ops"
)

//go:embed base.yaml
var base string

// Registry is what a template is generated from.
type Registry struct {
	Ops         []ops.Operation
	Consumers   []ops.Consumer
	Schedules   []ops.Schedule
	Gateways    []ops.Gateway
	Streams     []ops.Stream
	Authorizers []ops.Authorizer
}

// Current is the registry of shared/transport/ops.
func Current() Registry {
	return Registry{Ops: ops.All(), Consumers: ops.Consumers(), Schedules: ops.Schedules(), Gateways: ops.Gateways(), Streams: ops.Streams(),
		Authorizers: ops.Authorizers()}
}

// Limits the generator keeps every HTTP API under. API Gateway allows 300
// routes (raisable) and 300 integrations (not raisable) per HTTP API; the
// headroom leaves a few operations landing before a regeneration harmless.
const (
	RouteBudget       = 280
	IntegrationBudget = 280
	// MaxPrefix is the longest FunctionPrefix parameter the template accepts.
	MaxPrefix = 16
	// MaxName is the longest function name in the registry: <prefix>-<name> ≤ 64.
	MaxName = 64 - MaxPrefix - 1
)

// Timeouts in seconds. A queue's visibility timeout is six times its
// consumer's, as AWS advises for SQS event sources.
const (
	ConsumerTimeout = 120
	ScheduleTimeout = 300
	GatewayTimeout  = 29
	// AuthorizerTimeout is API Gateway's limit on a Lambda authorizer's answer.
	AuthorizerTimeout = 10
)

// The tables of base.yaml.
const (
	entities = "EntitiesTable"
	counters = "CountersTable"
	usage    = "UsageTable"
)

// LogicalID is a function's resource name: "create-service" → "CreateServiceFunction".
func LogicalID(name string) string { return camel(name) + "Function" }

func camel(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// Render produces template.yaml for the registry of shared/transport/ops.
func Render() []byte { return RenderRegistry(Current()) }

// RenderRegistry produces a template for any registry.
func RenderRegistry(r Registry) []byte {
	res := map[string]any{}
	var queues []string
	for _, c := range r.Consumers {
		queues = append(queues, c.Queue)
		res[c.Queue] = map[string]any{"Type": "AWS::SQS::Queue", "Properties": map[string]any{
			"VisibilityTimeout":      6 * ConsumerTimeout,
			"MessageRetentionPeriod": 1209600,
			"SqsManagedSseEnabled":   true,
			"RedrivePolicy":          map[string]any{"deadLetterTargetArn": getAtt(c.DeadLetterQueue(), "Arn"), "maxReceiveCount": 5},
		}}
		res[c.DeadLetterQueue()] = map[string]any{"Type": "AWS::SQS::Queue", "Properties": map[string]any{
			"MessageRetentionPeriod": 1209600,
			"SqsManagedSseEnabled":   true,
		}}
	}
	sort.Strings(queues)
	queueEnv := map[string]any{}
	for _, q := range queues {
		queueEnv[ops.QueueURLVariable(q)] = ref(q)
	}

	// Roles: one per kind of function, so that 300 operations cost 300
	// resources, not 600; each grants what its kind needs and no more.
	res["ApiInvokeRole"] = role("apigateway.amazonaws.com", false, statement([]string{"lambda:InvokeFunction"},
		sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionPrefix}-*")))
	hot := []any{
		tableAccess(entities, read...),
		tableAccess(counters, append(append([]string{}, read...), "dynamodb:UpdateItem")...),
		// A report whose send SQS did not answer is withdrawn by an outcome item.
		statement([]string{"dynamodb:PutItem"}, getAtt(usage, "Arn")),
	}
	if len(queues) > 0 {
		hot = append(hot, queueSend(queues))
	}
	res["ServiceManagementRole"] = role("lambda.amazonaws.com", true, hot...)
	if len(r.Gateways)+len(r.Authorizers) > 0 {
		// The gateway and the authorizer answer from the configuration and the
		// counters alone: no report goes through them, so neither a queue nor
		// the usage table.
		res["GatewayRole"] = role("lambda.amazonaws.com", true, tableAccess(entities, read...),
			tableAccess(counters, append(append([]string{}, read...), "dynamodb:UpdateItem")...))
	}
	// BatchWriteItem on the counters, to delete only: the master's immediate
	// purge erases a tenant's counter items, deleting applications (alone or
	// with their account) erases theirs.
	adminGrants := []any{tableAccess(entities, readWrite...), statement([]string{"dynamodb:BatchWriteItem"}, getAtt(counters, "Arn")),
		tableAccess(usage, readWrite...)}
	// GATEWAY_DOMAIN: the domain of the products' generated public base URLs
	// (the proxy operations write them; the gateway finds products by them).
	// SERVICE_MANAGEMENT_URL: the backend endpoint proxy configs name.
	adminEnv := map[string]any{"MASTER_ACCESS_TOKEN": ref("MasterAccessToken"), "GATEWAY_DOMAIN": ref("GatewayDomain"),
		"SERVICE_MANAGEMENT_URL": apiURL("ServiceManagementApi")}
	var outboxes []string // queues the admin API feeds after its changes commit (webhook events)
	for _, c := range r.Consumers {
		if c.Outbox {
			outboxes = append(outboxes, c.Queue)
			adminEnv[ops.QueueURLVariable(c.Queue)] = ref(c.Queue)
		}
	}
	if len(outboxes) > 0 {
		adminGrants = append(adminGrants, queueSend(outboxes))
	}
	res["AdminRole"] = role("lambda.amazonaws.com", true, adminGrants...)
	if len(r.Schedules) > 0 {
		st := []any{tableAccess(entities, readWrite...), tableAccess(counters, readWrite...), tableAccess(usage, readWrite...)}
		if len(queues) > 0 {
			st = append(st, queueSend(queues))
		}
		res["ScheduleRole"] = role("lambda.amazonaws.com", true, st...)
	}

	var sm, admin []ops.Operation
	for _, op := range r.Ops {
		fn := function(op.Name, "AdminRole", adminEnv)
		if op.API() == ops.ServiceManagementAPI {
			sm = append(sm, op)
			fn = function(op.Name, "ServiceManagementRole", queueEnv)
		} else {
			admin = append(admin, op)
		}
		res[LogicalID(op.Name)] = fn
	}
	for _, c := range r.Consumers {
		roleID := camel(c.Name) + "Role"
		grants := []any{
			map[string]any{"Effect": "Allow", "Resource": getAtt(c.Queue, "Arn"), "Action": []any{
				"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"}},
			tableAccess(entities, read...),
			tableAccess(counters, append(append([]string{}, read...), "dynamodb:UpdateItem")...),
			tableAccess(usage, readWrite...)}
		var env map[string]any
		if c.Outbox {
			grants[1] = tableAccess(entities, readWrite...)
			grants = append(grants, queueSend([]string{c.Queue}))
			env = map[string]any{ops.QueueURLVariable(c.Queue): ref(c.Queue)}
		}
		res[roleID] = role("lambda.amazonaws.com", true, grants...)
		fn := function(c.Name, roleID, env)
		p := props(fn)
		p["Timeout"] = ConsumerTimeout
		p["Events"] = map[string]any{"Queue": map[string]any{"Type": "SQS", "Properties": map[string]any{
			"Queue": getAtt(c.Queue, "Arn"), "BatchSize": 10, "FunctionResponseTypes": []any{"ReportBatchItemFailures"}}}}
		res[LogicalID(c.Name)] = fn
	}
	for _, st := range r.Streams {
		// It reads its stream, reads the tenants (an erased one keeps no
		// history) and writes the usage table; nothing else.
		roleID := camel(st.Name) + "Role"
		res[roleID] = role("lambda.amazonaws.com", true,
			statement([]string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}, getAtt(st.Table, "StreamArn")),
			statement([]string{"dynamodb:ListStreams"}, sub("${"+st.Table+".Arn}/stream/*")),
			tableAccess(entities, "dynamodb:GetItem"),
			tableAccess(usage, readWrite...))
		fn := function(st.Name, roleID, nil)
		p := props(fn)
		p["Timeout"] = ConsumerTimeout
		p["Events"] = map[string]any{"Stream": map[string]any{"Type": "DynamoDB", "Properties": map[string]any{
			"Stream": getAtt(st.Table, "StreamArn"), "StartingPosition": "TRIM_HORIZON",
			"BatchSize": st.Batch, "MaximumBatchingWindowInSeconds": st.Window}}}
		res[LogicalID(st.Name)] = fn
	}
	for _, s := range r.Schedules {
		fn := function(s.Name, "ScheduleRole", queueEnv)
		p := props(fn)
		p["Timeout"] = ScheduleTimeout
		p["Events"] = map[string]any{"Timer": map[string]any{"Type": "Schedule", "Properties": map[string]any{"Schedule": s.Rate}}}
		res[LogicalID(s.Name)] = fn
	}
	outputs := map[string]any{}
	for _, g := range r.Gateways {
		fn := function(g.Name, "GatewayRole", queueEnv)
		p := props(fn)
		p["Timeout"] = GatewayTimeout
		p["FunctionUrlConfig"] = map[string]any{"AuthType": "NONE"}
		res[LogicalID(g.Name)] = fn
		outputs[camel(g.Name)+"Url"] = map[string]any{"Description": "URL of the " + g.Name + " gateway (a Lambda function URL).",
			"Value": getAtt(LogicalID(g.Name)+"Url", "FunctionUrl")}
	}

	for _, a := range r.Authorizers {
		// Invoked by the provider's own HTTP APIs, not by a route of the
		// template: API Gateway may invoke it as an authorizer of any HTTP API
		// of this account and region, nothing else may.
		fn := function(a.Name, "GatewayRole", queueEnv)
		props(fn)["Timeout"] = AuthorizerTimeout
		res[LogicalID(a.Name)] = fn
		res[camel(a.Name)+"Permission"] = map[string]any{"Type": "AWS::Lambda::Permission", "Properties": map[string]any{
			"Action": "lambda:InvokeFunction", "FunctionName": getAtt(LogicalID(a.Name), "Arn"),
			"Principal": "apigateway.amazonaws.com", "SourceAccount": ref("AWS::AccountId"),
			"SourceArn": sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:*/authorizers/*")}}
		outputs[camel(a.Name)+"Arn"] = map[string]any{"Description": "ARN of the " + a.Name +
			" function, the Lambda REQUEST authorizer to attach to an HTTP API (docs/gateway.md).", "Value": getAtt(LogicalID(a.Name), "Arn")}
	}

	apis := Partition(admin)
	for i, group := range apis {
		next := ""
		if i+1 < len(apis) {
			next = apiID(i + 1)
		}
		res[apiID(i)] = httpAPI(fmt.Sprintf("Turnpike admin and master APIs, part %d of %d", i+1, len(apis)), group, next)
		if i > 0 {
			outputs[apiID(i)+"Url"] = map[string]any{"Description": fmt.Sprintf(
				"Part %d of the admin API, reached through AdminApiUrl; clients need not know it.", i+1), "Value": apiURL(apiID(i))}
		}
	}
	outputs["AdminApiUrl"] = map[string]any{"Description": "Base URL of the Account Management and Master APIs (a 3scale admin portal's URL).",
		"Value": apiURL("AdminApi")}
	res["ServiceManagementApi"] = httpAPI("Turnpike Service Management API", sm, "")
	outputs["ServiceManagementApiUrl"] = map[string]any{"Description": "Base URL of the Service Management API (3scale's backend URL, for gateways and plugins).",
		"Value": apiURL("ServiceManagementApi")}

	var b strings.Builder
	b.WriteString(strings.Replace(base, "#RESOURCES#\n", "\n"+indent(marshal(res)), 1))
	b.WriteString("\nOutputs:\n")
	b.WriteString(indent(marshal(outputs)))
	return []byte(b.String())
}

var (
	read      = []string{"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"}
	readWrite = []string{"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
		"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}
)

// apiID names the i-th HTTP API of the admin chain: AdminApi, AdminApi2, ...
func apiID(i int) string {
	if i == 0 {
		return "AdminApi"
	}
	return fmt.Sprintf("AdminApi%d", i+1)
}

func apiURL(id string) any {
	return sub("https://${" + id + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}")
}

// Partition splits operations, in route order, into groups that each fit one
// HTTP API, with one route and one integration left for the catch-all that
// forwards to the next API of the chain.
func Partition(list []ops.Operation) [][]ops.Operation {
	sorted := append([]ops.Operation(nil), list...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Path != sorted[j].Path {
			return sorted[i].Path < sorted[j].Path
		}
		return sorted[i].Method < sorted[j].Method
	})
	var out [][]ops.Operation
	var cur []ops.Operation
	routes := 0
	for _, op := range sorted {
		n := len(op.Routes())
		if len(cur) > 0 && (routes+n > RouteBudget-1 || len(cur)+1 > IntegrationBudget-1) {
			out = append(out, cur)
			cur, routes = nil, 0
		}
		cur = append(cur, op)
		routes += n
	}
	if len(cur) > 0 || len(out) == 0 {
		out = append(out, cur)
	}
	return out
}

// httpAPI declares an HTTP API whose routes are the operations' routes and
// their 3scale variants, all variants of an operation sharing one integration;
// unmatched requests go to next (another API of the chain) when it is set.
func httpAPI(title string, list []ops.Operation, next string) map[string]any {
	paths := map[string]any{}
	integrations := map[string]any{}
	for _, op := range list {
		id := LogicalID(op.Name)
		integrations[id] = map[string]any{"type": "aws_proxy", "httpMethod": "POST", "payloadFormatVersion": "2.0",
			"uri": getAtt(id, "Arn"), "credentials": getAtt("ApiInvokeRole", "Arn")}
		for _, r := range op.Routes() {
			m, _ := paths[r].(map[string]any)
			if m == nil {
				m = map[string]any{}
				paths[r] = m
			}
			m[strings.ToLower(op.Method)] = map[string]any{"x-amazon-apigateway-integration": map[string]any{
				"$ref": "#/components/x-amazon-apigateway-integrations/" + id}}
		}
	}
	if next != "" {
		integrations["Next"] = map[string]any{"type": "http_proxy", "httpMethod": "ANY", "payloadFormatVersion": "1.0",
			"uri": sub("https://${" + next + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/{proxy}")}
		paths["/{proxy+}"] = map[string]any{"x-amazon-apigateway-any-method": map[string]any{
			"x-amazon-apigateway-integration": map[string]any{"$ref": "#/components/x-amazon-apigateway-integrations/Next"}}}
	}
	body := map[string]any{"openapi": "3.0.1", "info": map[string]any{"title": title, "version": "1.0"}, "paths": paths}
	if len(integrations) > 0 {
		body["components"] = map[string]any{"x-amazon-apigateway-integrations": integrations}
	}
	return map[string]any{"Type": "AWS::Serverless::HttpApi", "Properties": map[string]any{"DefinitionBody": body}}
}

// function declares a function of the shared binary; FunctionName keeps it
// within Lambda's 64 characters whatever the stack's name.
func function(name, roleID string, env map[string]any) map[string]any {
	vars := map[string]any{lambdafn.FunctionVariable: name}
	for k, v := range env {
		vars[k] = v
	}
	return map[string]any{"Type": "AWS::Serverless::Function", "Metadata": map[string]any{"BuildMethod": "makefile"},
		"Properties": map[string]any{
			"FunctionName": sub("${FunctionPrefix}-" + name),
			"Role":         getAtt(roleID, "Arn"),
			"Environment":  map[string]any{"Variables": vars},
		}}
}

func props(resource map[string]any) map[string]any { return resource["Properties"].(map[string]any) }

// role declares an IAM role; a function's role may write its own logs.
func role(service string, logs bool, statements ...any) map[string]any {
	if logs {
		statements = append(statements,
			statement([]string{"logs:CreateLogGroup"}, sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${FunctionPrefix}-*")),
			statement([]string{"logs:CreateLogStream", "logs:PutLogEvents"},
				sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${FunctionPrefix}-*:log-stream:*")))
	}
	return map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{
		"AssumeRolePolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": []any{service}}, "Action": "sts:AssumeRole"}}},
		"Policies": []any{map[string]any{"PolicyName": "turnpike", "PolicyDocument": map[string]any{
			"Version": "2012-10-17", "Statement": statements}}},
	}}
}

func statement(actions []string, resources ...any) map[string]any {
	a := make([]any, len(actions))
	for i, x := range actions {
		a[i] = x
	}
	return map[string]any{"Effect": "Allow", "Action": a, "Resource": resources}
}

// tableAccess grants actions on a table and its indexes.
func tableAccess(table string, actions ...string) map[string]any {
	return statement(actions, getAtt(table, "Arn"), sub("${"+table+".Arn}/index/*"))
}

func queueSend(queues []string) map[string]any {
	var arns []any
	for _, q := range queues {
		arns = append(arns, getAtt(q, "Arn"))
	}
	return statement([]string{"sqs:SendMessage"}, arns...)
}

func ref(name string) any          { return map[string]any{"Ref": name} }
func getAtt(name, attr string) any { return map[string]any{"Fn::GetAtt": []any{name, attr}} }
func sub(s string) any             { return map[string]any{"Fn::Sub": s} }

func marshal(v any) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		panic(err) // maps of strings, numbers and lists always encode
	}
	return buf.String()
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line != "" && line != "\n" {
			b.WriteString("  ")
		}
		b.WriteString(line)
	}
	return b.String()
}
