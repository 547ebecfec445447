package template_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"turnpike"
	"turnpike/infra/cfn"
	"turnpike/infra/template"
	"turnpike/shared/transport/ops"
)

const root = "../.."

func parse(t *testing.T) *cfn.Template {
	t.Helper()
	tpl, err := cfn.Parse(turnpike.Template)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// template.yaml is exactly what the registry generates.
func TestTemplateIsGenerated(t *testing.T) {
	if string(turnpike.Template) != string(template.Render()) {
		t.Fatal("template.yaml is stale: run `make template` and commit the result")
	}
}

// Every function in the template has a handler, every handler a function, with
// the same method and path; every function has its main and its sample event.
func TestTemplateMatchesRegistry(t *testing.T) {
	tpl := parse(t)
	byID := map[string]ops.Operation{}
	for _, op := range ops.All() {
		byID[template.LogicalID(op.Name)] = op
	}
	consumers := map[string]bool{}
	for _, c := range ops.Consumers() {
		consumers[template.LogicalID(c.Name)] = true
	}
	gateways := map[string]bool{}
	for _, g := range ops.Gateways() {
		gateways[template.LogicalID(g.Name)] = true
	}
	for _, a := range ops.Authorizers() {
		gateways[template.LogicalID(a.Name)] = true
	}
	fns := tpl.OfType("AWS::Serverless::Function")
	if len(fns) != len(byID)+len(consumers)+len(gateways) {
		t.Errorf("template has %d functions, registry %d operations, %d consumers and %d gateways", len(fns), len(byID), len(consumers), len(gateways))
	}
	for _, id := range fns {
		if consumers[id] || gateways[id] {
			continue // queue consumers: see consumers_test.go; gateways have their own catch-all API
		}
		op, ok := byID[id]
		if !ok {
			t.Errorf("function %s has no operation in the registry", id)
			continue
		}
		ev := tpl.Resources[id].Properties["Events"].(map[string]any)["Api"].(map[string]any)
		props := ev["Properties"].(map[string]any)
		if ev["Type"] != "HttpApi" || props["Method"] != op.Method || props["Path"] != op.Routes()[0] {
			t.Errorf("function %s: event %v, registry %s %s", id, props, op.Method, op.Path)
		}
	}
	// The variant routes of the HTTP API point at the right functions.
	paths := tpl.Resources["HttpApi"].Properties["DefinitionBody"].(map[string]any)["paths"].(map[string]any)
	want := 0
	for id, op := range byID {
		for _, r := range op.Routes()[1:] {
			want++
			m, _ := paths[r].(map[string]any)
			in, _ := m[strings.ToLower(op.Method)].(map[string]any)
			integ, _ := in["x-amazon-apigateway-integration"].(map[string]any)
			uri, _ := integ["uri"].(map[string]any)
			if uri == nil || uri["Fn::GetAtt"].([]any)[0] != id || integ["payloadFormatVersion"] != "2.0" {
				t.Errorf("route %s %s does not invoke %s: %v", op.Method, r, id, integ)
			}
		}
	}
	got := 0
	for _, m := range paths {
		got += len(m.(map[string]any))
	}
	if got != want {
		t.Errorf("the HTTP API declares %d variant routes, the registry %d", got, want)
	}
	for _, op := range ops.All() {
		main, err := os.ReadFile(filepath.Join(root, "functions", op.Name, "main.go"))
		if err != nil {
			t.Errorf("operation %s has no functions/%s/main.go: run `make template`", op.Name, op.Name)
		} else if !strings.Contains(string(main), `lambdafn.Start("`+op.Name+`")`) {
			t.Errorf("functions/%s/main.go does not start operation %q", op.Name, op.Name)
		}
		if _, err := os.Stat(filepath.Join(root, "events", op.Name+".json")); err != nil {
			t.Errorf("operation %s has no sample event events/%s.json", op.Name, op.Name)
		}
	}
	dirs, _ := os.ReadDir(filepath.Join(root, "functions"))
	for _, d := range dirs {
		_, op := ops.Find(d.Name())
		_, consumer := ops.FindConsumer(d.Name())
		_, gw := ops.FindGateway(d.Name())
		_, authorizer := ops.FindAuthorizer(d.Name())
		if !op && !consumer && !gw && !authorizer {
			t.Errorf("functions/%s has no operation in the registry", d.Name())
		}
	}
}

// What API Gateway would refuse at deploy time: conflicting variable names at
// one position among sibling routes, duplicate routes, malformed paths.
func TestRoutesAreDeployable(t *testing.T) {
	seen := map[string]string{}
	varAt := map[string]string{} // parent path + position → variable name
	valid := regexp.MustCompile(`^(/[A-Za-z0-9_.\-]+|/\{[a-z_]+\})+$`)
	for _, op := range ops.All() {
		for _, r := range op.Routes() {
			if !valid.MatchString(r) {
				t.Errorf("%s: malformed route %q", op.Name, r)
			}
			key := op.Method + " " + r
			if other, dup := seen[key]; dup {
				t.Errorf("route %s is declared by %s and %s", key, other, op.Name)
			}
			seen[key] = op.Name
			segs := strings.Split(r, "/")
			for i, s := range segs {
				if strings.HasPrefix(s, "{") {
					parent := strings.Join(segs[:i], "/")
					if v, ok := varAt[parent]; ok && v != s {
						t.Errorf("%s: variable %s after %s, elsewhere %s", op.Name, s, parent, v)
					}
					varAt[parent] = s
				}
			}
		}
		if len("turnpike-prod-"+op.Name) > 64 {
			t.Errorf("%s: function name too long for Lambda", op.Name)
		}
	}
}

// Every !Ref, !GetAtt and ${} names a resource, a parameter or a pseudo parameter.
func TestReferencesResolve(t *testing.T) {
	tpl := parse(t)
	known := map[string]bool{}
	for name := range tpl.Resources {
		known[name] = true
	}
	for name := range tpl.Parameters {
		known[name] = true
	}
	sub := regexp.MustCompile(`\$\{([A-Za-z0-9:]+)(\.[A-Za-z]+)?\}`)
	var walk func(path string, v any)
	check := func(path, name string) {
		if !known[name] && !strings.HasPrefix(name, "AWS::") {
			t.Errorf("%s: reference to unknown %q", path, name)
		}
	}
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				switch k {
				case "Ref":
					check(path, c.(string))
				case "Fn::GetAtt":
					check(path, c.([]any)[0].(string))
				case "Fn::Sub":
					s, _ := c.(string)
					for _, m := range sub.FindAllStringSubmatch(s, -1) {
						check(path, m[1])
					}
				}
				walk(path+"."+k, c)
			}
		case []any:
			for _, c := range x {
				walk(path, c)
			}
		}
	}
	for name, r := range tpl.Resources {
		walk(name, r.Properties)
	}
	walk("Globals", tpl.Globals)
	walk("Outputs", tpl.Outputs)
	// The tables every function is told about exist and are tables.
	env := tpl.Globals["Function"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	for k, v := range env {
		if ref, ok := v.(map[string]any)["Ref"].(string); ok && strings.HasSuffix(k, "_TABLE") {
			if tpl.Resources[ref].Type != "AWS::DynamoDB::Table" {
				t.Errorf("%s refers to %s, which is not a table", k, ref)
			}
		}
	}
}

// CloudFormation allows 500 resources per stack; count what SAM expands to.
func TestResourceBudget(t *testing.T) {
	tpl := parse(t)
	count := 0
	roles := 0
	for name, r := range tpl.Resources {
		switch r.Type {
		case "AWS::Serverless::Function":
			count++ // the function; its role is the shared one
			if _, own := r.Properties["Role"]; own {
				t.Errorf("%s has its own role: every function shares FunctionRole", name)
			}
			if _, own := r.Properties["Policies"]; own {
				t.Errorf("%s has its own policies: SAM would create a role for it", name)
			}
			events, _ := r.Properties["Events"].(map[string]any)
			for _, e := range events {
				switch e.(map[string]any)["Type"] {
				case "HttpApi":
					count++ // one Lambda permission per event
				case "SQS":
					count++ // event source mapping
				case "Schedule", "ScheduleV2":
					count += 2 // rule and permission
				}
			}
		case "AWS::Serverless::HttpApi":
			count += 2 // API and its $default stage
		case "AWS::IAM::Role":
			roles++
			count++
		default:
			count++
		}
	}
	if roles != 1 {
		t.Errorf("want exactly one IAM role, found %d", roles)
	}
	t.Logf("%d CloudFormation resources after SAM expansion (limit 500)", count)
	if count > 450 {
		t.Errorf("%d resources leave too little room under CloudFormation's 500", count)
	}
	g := tpl.Globals["Function"].(map[string]any)
	for k, want := range map[string]any{"Runtime": "provided.al2023", "Handler": "bootstrap"} {
		if g[k] != want {
			t.Errorf("Globals.Function.%s = %v, want %v", k, g[k], want)
		}
	}
	if a, _ := g["Architectures"].([]any); len(a) != 1 || a[0] != "arm64" {
		t.Errorf("Globals.Function.Architectures = %v, want [arm64]", g["Architectures"])
	}
}

// The tables the local stack creates are the template's.
func TestTablesFromTemplate(t *testing.T) {
	tables, err := parse(t).Tables()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range tables {
		names = append(names, *tb.TableName)
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "turnpike-counters,turnpike-entities,turnpike-usage" {
		t.Fatalf("tables = %v", names)
	}
}
