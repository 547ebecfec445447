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
	"turnpike/shared/transport/lambdafn"
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

// Every function of the registry is a function of the template running the
// shared binary under its own name; every operation's routes are routes of
// one HTTP API, invoking its function; every operation has its sample event.
func TestTemplateMatchesRegistry(t *testing.T) {
	tpl := parse(t)
	names := map[string]bool{}
	for _, n := range functionNames(template.Current()) {
		names[n] = true
		fn, ok := tpl.Resources[template.LogicalID(n)]
		if !ok || fn.Type != "AWS::Serverless::Function" {
			t.Errorf("%s: no function %s in template.yaml", n, template.LogicalID(n))
			continue
		}
		env, _ := fn.Properties["Environment"].(map[string]any)["Variables"].(map[string]any)
		if env[lambdafn.FunctionVariable] != n {
			t.Errorf("%s: %s = %v", n, lambdafn.FunctionVariable, env[lambdafn.FunctionVariable])
		}
	}
	if fns := tpl.OfType("AWS::Serverless::Function"); len(fns) != len(names) {
		t.Errorf("template has %d functions, the registry %d", len(fns), len(names))
	}
	routes := map[string]string{} // "GET /path" → integration
	for _, id := range tpl.OfType("AWS::Serverless::HttpApi") {
		body := tpl.Resources[id].Properties["DefinitionBody"].(map[string]any)
		for path, m := range body["paths"].(map[string]any) {
			for method, v := range m.(map[string]any) {
				ref, _ := v.(map[string]any)["x-amazon-apigateway-integration"].(map[string]any)["$ref"].(string)
				key := strings.ToUpper(method) + " " + path
				if _, dup := routes[key]; dup && path != "/{proxy+}" {
					t.Errorf("route %s is in two APIs", key)
				}
				routes[key] = ref[strings.LastIndex(ref, "/")+1:]
			}
		}
	}
	want := 0
	for _, op := range ops.All() {
		for _, r := range op.Routes() {
			want++
			if got := routes[op.Method+" "+r]; got != template.LogicalID(op.Name) {
				t.Errorf("route %s %s invokes %q, want %s", op.Method, r, got, template.LogicalID(op.Name))
			}
		}
		if _, err := os.Stat(filepath.Join(root, "events", op.Name+".json")); err != nil {
			t.Errorf("operation %s has no sample event events/%s.json: run `make template`", op.Name, op.Name)
		}
	}
	if got := len(routes) - strings.Count(strings.Join(keys(routes), ","), "/{proxy+}"); got != want {
		t.Errorf("the HTTP APIs declare %d routes, the registry %d", got, want)
	}
	for _, n := range append(gatewayNames(), authorizerNames()...) {
		if _, err := os.Stat(filepath.Join(root, "events", n+".json")); err != nil {
			t.Errorf("%s has no sample event events/%s.json (written by hand: a request to a host the sample seed serves)", n, n)
		}
	}
	if dirs, err := os.ReadDir(filepath.Join(root, "functions")); err != nil || len(dirs) != 1 || dirs[0].Name() != "bootstrap" {
		t.Errorf("functions/ must hold only bootstrap/, the one binary every function runs (a new operation needs only its registry line and its events/ sample)")
	}
}

func gatewayNames() []string {
	var out []string
	for _, g := range ops.Gateways() {
		out = append(out, g.Name)
	}
	return out
}

func authorizerNames() []string {
	var out []string
	for _, a := range ops.Authorizers() {
		out = append(out, a.Name)
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// functionNames lists the names of every function of a registry.
func functionNames(r template.Registry) []string {
	var out []string
	for _, op := range r.Ops {
		out = append(out, op.Name)
	}
	for _, c := range r.Consumers {
		out = append(out, c.Name)
	}
	for _, s := range r.Schedules {
		out = append(out, s.Name)
	}
	for _, g := range r.Gateways {
		out = append(out, g.Name)
	}
	for _, a := range r.Authorizers {
		out = append(out, a.Name)
	}
	for _, st := range r.Streams {
		out = append(out, st.Name)
	}
	return out
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
	}
	for _, n := range functionNames(template.Current()) {
		if len(n) > template.MaxName {
			t.Errorf("%s: longer than %d characters: <prefix>-%s would exceed Lambda's 64", n, template.MaxName, n)
		}
	}
}

// Every !Ref, !GetAtt and ${} names a resource, a parameter or a pseudo parameter.
func TestReferencesResolve(t *testing.T) {
	tpl := parse(t)
	known := map[string]bool{}
	for name, r := range tpl.Resources {
		known[name] = true
		if _, ok := r.Properties["FunctionUrlConfig"]; ok {
			known[name+"Url"] = true // SAM generates <Function>Url for a function URL
		}
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
