// Package shared_test holds the checks that keep the packages under shared/
// in their layers: transport → handlers → model → platform, never back.
package shared_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "turnpike/"

// layer ranks a package of shared/: a package may import its own layer and the
// ones below it. -1 is a package no rule applies to (localdev, and everything
// outside shared/: functions, local, infra are composition roots and tools).
func layer(path string) int {
	p, ok := strings.CutPrefix(path, module+"shared/")
	if !ok {
		return -1
	}
	switch first, _, _ := strings.Cut(p, "/"); first {
	case "platform":
		return 0
	case "model":
		return 1
	case "admin", "master", "servicemgmt", "gateway":
		return 2
	case "transport":
		return 3
	}
	return -1
}

var layerNames = []string{"platform", "model", "handlers", "transport"}

// protocol is the API a handler package serves; handlers of one API do not
// import another's (what they share lives in the model). The admin HTTP
// layer (admin/api) serves both the Account Management and the Master API.
func protocol(path string) string {
	p := strings.TrimPrefix(path, module+"shared/")
	switch {
	case p == "admin/api":
		return "admin/api"
	case strings.HasPrefix(p, "admin/"):
		return "admin"
	case p == "master" || strings.HasPrefix(p, "master/"):
		return "master"
	case strings.HasPrefix(p, "servicemgmt/"):
		return "servicemgmt"
	case p == "gateway" || strings.HasPrefix(p, "gateway/"):
		return "gateway"
	}
	return ""
}

// pathVars is the one package handlers may take from the transport: it
// carries the path variables and the extension the router matched, a leaf
// that imports nothing of Turnpike.
const pathVars = module + "shared/transport/route"

// authrepPkg is the Service Management package the gateway calls in process.
const authrepPkg = module + "shared/servicemgmt/authrep"

// knownImports are imports that run the wrong way today, each to be removed by
// moving the entities, rules and storage they reach for into shared/model.
// The list only shrinks: an entry that no longer exists fails the test.
var knownImports = map[string]bool{}

// knownMixed are production files that still mix net/http with DynamoDB
// types: handlers and storage in one file, to be split into a model package
// and a handler. The list only shrinks.
var knownMixed = map[string]bool{}

// knownExpr are production files outside the store that still build DynamoDB
// requests by hand. The list only shrinks.
var knownExpr = map[string]bool{}

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
}

func packages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = ".."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages: is the test run from shared/?", len(pkgs))
	}
	return pkgs
}

func short(path string) string { return strings.TrimPrefix(path, module) }

// TestImportsRunOneWay fails on an import from a lower layer to a higher one,
// between the handlers of two APIs, from the model to net/http, or from any
// production package into the local tooling.
func TestImportsRunOneWay(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range packages(t) {
		from := layer(p.ImportPath)
		local := strings.HasPrefix(p.ImportPath, module+"shared/localdev/") || strings.HasPrefix(p.ImportPath, module+"local")
		for _, imp := range p.Imports {
			edge := short(p.ImportPath) + " -> " + short(imp)
			if strings.HasPrefix(imp, module+"shared/localdev/") && !local {
				t.Errorf("%s: production code imports the local tooling", edge)
			}
			if from == 1 && imp == "net/http" {
				t.Errorf("%s: the model speaks no HTTP", edge)
			}
			to := layer(imp)
			if from < 0 || to < 0 {
				continue
			}
			wrong := ""
			switch {
			case to > from && imp != pathVars:
				wrong = layerNames[from] + " imports " + layerNames[to]
			case from == 2 && to == 2 && protocol(p.ImportPath) == "gateway" && imp == authrepPkg:
				// The gateway is a client of the Service Management API, as
				// APIcast is of 3scale's backend: it calls authrep in process.
			case from == 2 && to == 2 && protocol(imp) != protocol(p.ImportPath) && protocol(imp) != "admin/api":
				wrong = "the " + protocol(p.ImportPath) + " handlers import the " + protocol(imp) + " handlers"
			case from == 2 && to == 2 && protocol(imp) == "admin/api" && protocol(p.ImportPath) == "servicemgmt":
				wrong = "the Service Management API uses the admin HTTP layer"
			case from == 2 && to == 2 && protocol(p.ImportPath) == "admin" && protocol(imp) == "admin":
				wrong = "one admin handler package imports another (share through the model)"
			}
			if wrong == "" {
				continue
			}
			if known, ok := knownImports[edge]; ok && known {
				seen[edge] = true
				continue
			}
			t.Errorf("%s: %s", edge, wrong)
		}
	}
	for edge, known := range knownImports {
		if known && !seen[edge] {
			t.Errorf("%s no longer runs the wrong way: remove it from knownImports", edge)
		}
	}
}

// production lists the non-test Go files of the module's packages, as
// module-relative paths, with the package path.
func production(t *testing.T) map[string]string {
	files := map[string]string{}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packages(t) {
		for _, f := range p.GoFiles {
			rel, err := filepath.Rel(root, filepath.Join(p.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.ToSlash(rel)] = p.ImportPath
		}
	}
	return files
}

// storage is where DynamoDB is spoken directly.
func storage(file string) bool {
	return strings.HasPrefix(file, "shared/platform/store/") || strings.HasPrefix(file, "shared/platform/counter/")
}

func isDynamo(imp string) bool {
	return imp == "github.com/aws/aws-sdk-go-v2/service/dynamodb" ||
		strings.HasPrefix(imp, "github.com/aws/aws-sdk-go-v2/service/dynamodb/") ||
		strings.HasPrefix(imp, "github.com/aws/aws-sdk-go-v2/feature/dynamodb/")
}

// TestNoFileMixesHTTPAndDynamoDB fails on a production file outside the store
// and the counter engine that imports both net/http and the DynamoDB SDK.
func TestNoFileMixesHTTPAndDynamoDB(t *testing.T) {
	seen := map[string]bool{}
	for file := range production(t) {
		if storage(file) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", file), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		var http, dynamo bool
		for _, s := range f.Imports {
			imp, _ := strconv.Unquote(s.Path.Value)
			http = http || imp == "net/http"
			dynamo = dynamo || isDynamo(imp)
		}
		if !http || !dynamo {
			continue
		}
		if knownMixed[file] {
			seen[file] = true
			continue
		}
		t.Errorf("%s mixes net/http with DynamoDB types: storage goes to the model (shared/model), HTTP to the handlers", file)
	}
	for file := range knownMixed {
		if !seen[file] {
			t.Errorf("%s no longer mixes net/http with DynamoDB: remove it from knownMixed", file)
		}
	}
}

// Expression syntax of DynamoDB: functions, update clauses, and comparisons
// with a value placeholder. Each is specific enough that no message, route or
// format string of Turnpike matches it.
var exprPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\battribute_(not_)?exists\s*\(`),
	regexp.MustCompile(`\battribute_type\s*\(`),
	regexp.MustCompile(`\bbegins_with\s*\(`),
	regexp.MustCompile(`\bcontains\s*\(\s*#?\w+\s*,\s*:\w+`),
	regexp.MustCompile(`\bsize\s*\(\s*#\w+`),
	regexp.MustCompile(`^\s*(SET|ADD|REMOVE|DELETE)\s+#?[A-Za-z_][\w.]*\s*(=|:|,|$)`),
	regexp.MustCompile(`^\s*(SET|ADD|REMOVE|DELETE)\s+#?[A-Za-z_][\w.]*\s+:`),
	regexp.MustCompile(`\s(SET|ADD|REMOVE|DELETE)\s+#?[A-Za-z_]\w*\s*(=\s*:|\s:|,)`),
	regexp.MustCompile(`#?\b\w+\s*(=|<>|<=|>=|<|>)\s*:\w+`),
	regexp.MustCompile(`\bBETWEEN\s+:\w+\s+AND\s+:\w+`),
}

// The request fields that carry expressions: set by hand, they are an
// expression built outside the store even when the string comes from elsewhere.
var exprFields = map[string]bool{
	"ConditionExpression": true, "UpdateExpression": true, "KeyConditionExpression": true,
	"FilterExpression": true, "ProjectionExpression": true,
	"ExpressionAttributeNames": true, "ExpressionAttributeValues": true,
}

// TestNoExpressionOutsideStore fails on a DynamoDB expression string, or a
// request field that carries one, in a production file outside the store and
// the counter engine.
func TestNoExpressionOutsideStore(t *testing.T) {
	seen := map[string]bool{}
	var bad []string
	for file := range production(t) {
		if storage(file) {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, filepath.Join("..", file), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if x.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(x.Value)
				if err != nil {
					return true
				}
				for _, re := range exprPatterns {
					if re.MatchString(s) {
						found = append(found, fset.Position(x.Pos()).String()+": "+strconv.Quote(s))
						break
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := x.Key.(*ast.Ident); ok && exprFields[id.Name] {
					found = append(found, fset.Position(x.Pos()).String()+": sets "+id.Name)
				}
			}
			return true
		})
		if len(found) == 0 {
			continue
		}
		if knownExpr[file] {
			seen[file] = true
			continue
		}
		bad = append(bad, found...)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: DynamoDB expressions are built by shared/platform/store", b)
	}
	for file := range knownExpr {
		if !seen[file] {
			t.Errorf("%s no longer builds DynamoDB expressions: remove it from knownExpr", file)
		}
	}
}

// TestExpressionPatterns keeps the patterns honest: they find what the store
// used to be handed, and pass what Turnpike's other strings look like.
func TestExpressionPatterns(t *testing.T) {
	match := func(s string) bool {
		for _, re := range exprPatterns {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, s := range []string{
		"attribute_exists(PK)", "attribute_not_exists(contracts) OR contracts = :zero", "#pk = :pk",
		"#pk = :pk AND begins_with(#sk, :prefix)", "SET #v = :next", "ADD #n :one, #ids :id", "ADD apps :d",
		"ADD contracts :n", "REMOVE GSI2PK, GSI2SK", "SET #st = :sent, sent_at = :now REMOVE GSI2PK, GSI2SK",
		"updated_at = :seen", "admins > :one", "PK = :pk AND SK BETWEEN :a AND :b", "contains(#ids, :i0)",
		"ADD #n :minus DELETE #ids :set", "REMOVE #d",
	} {
		if !match(s) {
			t.Errorf("%q is an expression the patterns miss", s)
		}
	}
	for _, s := range []string{
		"DELETE", "DELETE /admin/api/services/{id}.json", "SET", "Not found", "has already been taken",
		"usage limits are exceeded", "application_id", "GET /transactions/authrep.xml", "a:b", "http://x:3000",
		"must be after since", "2006-01-02T15:04:05Z07:00", "%s: %v", "key = value",
	} {
		if match(s) {
			t.Errorf("%q is not an expression but the patterns match it", s)
		}
	}
}
