// Package template renders template.yaml from base.yaml and the operation
// registry: one function per operation with its canonical route as its HTTP
// API event, and the 3scale path variants (.xml, bare) as routes of the API.
package template

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"turnpike/shared/transport/ops"
)

//go:embed base.yaml
var base string

// LogicalID is an operation's function resource name: "create-service" → "CreateServiceFunction".
func LogicalID(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String() + "Function"
}

// Render produces template.yaml.
func Render() []byte {
	all := ops.All()
	type integration struct{ method, fn string }
	paths := map[string][]integration{}
	for _, op := range all {
		for _, r := range op.Routes()[1:] {
			paths[r] = append(paths[r], integration{strings.ToLower(op.Method), LogicalID(op.Name)})
		}
	}
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var p strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&p, "          %s:\n", k)
		ins := paths[k]
		sort.Slice(ins, func(i, j int) bool { return ins[i].method < ins[j].method })
		for _, in := range ins {
			fmt.Fprintf(&p, "            %s:\n", in.method)
			p.WriteString("              x-amazon-apigateway-integration:\n")
			p.WriteString("                type: aws_proxy\n")
			p.WriteString("                httpMethod: POST\n")
			p.WriteString("                payloadFormatVersion: \"2.0\"\n")
			fmt.Fprintf(&p, "                uri: !GetAtt %s.Arn\n", in.fn)
			p.WriteString("                credentials: !GetAtt FunctionRole.Arn\n")
		}
	}
	if len(keys) == 0 {
		p.WriteString("          {}\n")
	}
	var b strings.Builder
	b.WriteString(strings.Replace(base, "#PATHS#\n", p.String(), 1))
	for _, op := range all {
		fmt.Fprintf(&b, "\n  %s:\n", LogicalID(op.Name))
		b.WriteString("    Type: AWS::Serverless::Function\n")
		b.WriteString("    Metadata:\n      BuildMethod: makefile\n")
		b.WriteString("    Properties:\n")
		fmt.Fprintf(&b, "      FunctionName: !Sub ${AWS::StackName}-%s\n", op.Name)
		b.WriteString("      Events:\n        Api:\n          Type: HttpApi\n          Properties:\n")
		b.WriteString("            ApiId: !Ref HttpApi\n")
		fmt.Fprintf(&b, "            Method: %s\n", op.Method)
		fmt.Fprintf(&b, "            Path: %s\n", op.Routes()[0])
	}
	for _, c := range ops.Consumers() {
		renderConsumer(&b, c)
	}
	for _, g := range ops.Gateways() {
		renderGateway(&b, g)
	}
	for _, a := range ops.Authorizers() {
		renderAuthorizer(&b, a)
	}
	b.WriteString("\nOutputs:\n  ApiUrl:\n    Description: Base URL of every Turnpike API.\n")
	b.WriteString("    Value: !Sub https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}\n")
	for _, g := range ops.Gateways() {
		fmt.Fprintf(&b, "  %sUrl:\n    Description: Default endpoint of the %s's HTTP API (map a wildcard custom domain onto it).\n", apiID(g), g.Name)
		fmt.Fprintf(&b, "    Value: !Sub https://${%s}.execute-api.${AWS::Region}.${AWS::URLSuffix}\n", apiID(g))
	}
	for _, a := range ops.Authorizers() {
		fmt.Fprintf(&b, "  %sArn:\n    Description: Attach as a Lambda REQUEST authorizer (payload 2.0, simple responses, no caching) of an HTTP API.\n", LogicalID(a.Name))
		fmt.Fprintf(&b, "    Value: !GetAtt %s.Arn\n", LogicalID(a.Name))
	}
	return []byte(b.String())
}

// ConsumerTimeout is a queue consumer's timeout in seconds; its queue's
// visibility timeout must be at least this (AWS advises six times as much).
const ConsumerTimeout = 120

// renderConsumer declares a queue consumer: its function with the SQS event
// that feeds it, reporting partial batch failures.
func renderConsumer(b *strings.Builder, c ops.Consumer) {
	fmt.Fprintf(b, "\n  %s:\n", LogicalID(c.Name))
	b.WriteString("    Type: AWS::Serverless::Function\n")
	b.WriteString("    Metadata:\n      BuildMethod: makefile\n")
	b.WriteString("    Properties:\n")
	fmt.Fprintf(b, "      FunctionName: !Sub ${AWS::StackName}-%s\n", c.Name)
	fmt.Fprintf(b, "      Timeout: %d\n", ConsumerTimeout)
	b.WriteString("      Events:\n        Queue:\n          Type: SQS\n          Properties:\n")
	fmt.Fprintf(b, "            Queue: !GetAtt %s.Arn\n", c.Queue)
	b.WriteString("            BatchSize: 10\n")
	b.WriteString("            FunctionResponseTypes: [ReportBatchItemFailures]\n")
}

// GatewayTimeout is a gateway function's timeout in seconds: under the HTTP
// API's 30 s integration limit, with the upstream bounded below it.
const GatewayTimeout = 29

func apiID(g ops.Gateway) string {
	return strings.TrimSuffix(LogicalID(g.Name), "Function") + "HttpApi"
}

// renderGateway declares a gateway function on its own HTTP API, whose one
// route is the catch-all $default (an event without Path and Method).
func renderGateway(b *strings.Builder, g ops.Gateway) {
	fmt.Fprintf(b, "\n  %s:\n    Type: AWS::Serverless::HttpApi\n", apiID(g))
	fmt.Fprintf(b, "\n  %s:\n", LogicalID(g.Name))
	b.WriteString("    Type: AWS::Serverless::Function\n")
	b.WriteString("    Metadata:\n      BuildMethod: makefile\n")
	b.WriteString("    Properties:\n")
	fmt.Fprintf(b, "      FunctionName: !Sub ${AWS::StackName}-%s\n", g.Name)
	fmt.Fprintf(b, "      Timeout: %d\n", GatewayTimeout)
	b.WriteString("      MemorySize: 512\n")
	b.WriteString("      Environment:\n        Variables:\n          GATEWAY_UPSTREAM_TIMEOUT: 25s\n")
	b.WriteString("      Events:\n        Api:\n          Type: HttpApi\n          Properties:\n")
	fmt.Fprintf(b, "            ApiId: !Ref %s\n", apiID(g))
}

// renderAuthorizer declares an authorizer function: no event, its ARN is an output.
func renderAuthorizer(b *strings.Builder, a ops.Authorizer) {
	fmt.Fprintf(b, "\n  %s:\n", LogicalID(a.Name))
	b.WriteString("    Type: AWS::Serverless::Function\n")
	b.WriteString("    Metadata:\n      BuildMethod: makefile\n")
	b.WriteString("    Properties:\n")
	fmt.Fprintf(b, "      FunctionName: !Sub ${AWS::StackName}-%s\n", a.Name)
}
