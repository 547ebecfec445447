package proxy

import (
	"reflect"
	"strings"
	"testing"

	"turnpike/shared/platform/apierr"
)

func req(method, target string) *Request {
	path, query, _ := strings.Cut(target, "?")
	r := &Request{Method: method, Path: NormalizePath(path), Params: map[string]string{}, Has: map[string]bool{}}
	ParseArgs(query, r.Params, r.Has)
	return r
}

func matchers(rules ...Rule) []*Matcher {
	var out []*Matcher
	for i, r := range rules {
		if r.HTTPMethod == "" {
			r.HTTPMethod = "GET"
		}
		if r.Delta == 0 {
			r.Delta = 1
		}
		r.Position = int64(i + 1)
		metric := "hits"
		if r.MetricID != 0 {
			metric = map[int64]string{1: "hits", 2: "test", 3: "v1", 4: "w", 5: "f", 6: "b", 7: "nope"}[r.MetricID]
		}
		out = append(out, NewMatcher(r, metric))
	}
	return out
}

// The matching table of the reference, section 4.3.
func TestMatchingTable(t *testing.T) {
	cases := []struct {
		name  string
		rules []Rule
		req   *Request
		usage map[string]int64
	}{
		{"catch-all and specific both count", []Rule{{Pattern: "/", MetricID: 1}, {Pattern: "/v1/test", MetricID: 2}}, req("GET", "/v1/test"), map[string]int64{"hits": 1, "test": 1}},
		{"prefix /v10/x", []Rule{{Pattern: "/v1", MetricID: 3}}, req("GET", "/v10/x"), map[string]int64{"v1": 1}},
		{"prefix /v1abc", []Rule{{Pattern: "/v1", MetricID: 3}}, req("GET", "/v1abc"), map[string]int64{"v1": 1}},
		{"prefix /v1/", []Rule{{Pattern: "/v1", MetricID: 3}}, req("GET", "/v1/"), map[string]int64{"v1": 1}},
		{"$ ignores the query", []Rule{{Pattern: "/v1/word$", MetricID: 4}}, req("GET", "/v1/word?x=1"), map[string]int64{"w": 1}},
		{"$ anchors the end", []Rule{{Pattern: "/v1/word$", MetricID: 4}}, req("GET", "/v1/word/hello"), map[string]int64{}},
		{"wildcard segment", []Rule{{Pattern: "/foo/{id}.json", MetricID: 5}}, req("GET", "/foo/12.json"), map[string]int64{"f": 1}},
		{"wildcard is one segment", []Rule{{Pattern: "/foo/{id}.json", MetricID: 5}}, req("GET", "/foo/a/b.json"), map[string]int64{}},
		{"case-sensitive", []Rule{{Pattern: "/foo/{id}.json", MetricID: 5}}, req("GET", "/FOO/12.json"), map[string]int64{}},
		{"query value", []Rule{{Pattern: "/foo?bar=baz", MetricID: 6, Delta: 7}}, req("GET", "/foo?bar=baz"), map[string]int64{"b": 7}},
		{"query value differs", []Rule{{Pattern: "/foo?bar=baz", MetricID: 6, Delta: 7}}, req("GET", "/foo?bar=qux"), map[string]int64{}},
		{"query last occurrence", []Rule{{Pattern: "/foo?bar=baz", MetricID: 6, Delta: 7}}, req("GET", "/foo?bar=qux&bar=baz"), map[string]int64{"b": 7}},
		{"query var empty value", []Rule{{Pattern: "/foo?bar={v}", MetricID: 6}}, req("GET", "/foo?bar="), map[string]int64{"b": 1}},
		{"query var absent", []Rule{{Pattern: "/foo?bar={v}", MetricID: 6}}, req("GET", "/foo"), map[string]int64{}},
		{"last stops the walk", []Rule{{Pattern: "/", MetricID: 1}, {Pattern: "/nope", MetricID: 7, Delta: 100, Last: true},
			{Pattern: "/abc", MetricID: 1, Delta: 2, Last: true}, {Pattern: "/abc/def", MetricID: 1, Delta: 10}}, req("GET", "/abc/def"), map[string]int64{"hits": 3}},
		{"method must match", []Rule{{Pattern: "/x", MetricID: 1}}, req("POST", "/x"), map[string]int64{}},
		{"ANY method", []Rule{{Pattern: "/x", MetricID: 1, HTTPMethod: "ANY"}}, req("DELETE", "/x"), map[string]int64{"hits": 1}},
		// Pitfalls (section 6).
		{"duplicates count twice", []Rule{{Pattern: "/a", MetricID: 1}, {Pattern: "/a", MetricID: 1}}, req("GET", "/a"), map[string]int64{"hits": 2}},
		{"+ is an operator", []Rule{{Pattern: "/a+b", MetricID: 1}}, req("GET", "/aab"), map[string]int64{"hits": 1}},
		{"+ is not literal", []Rule{{Pattern: "/a+b", MetricID: 1}}, req("GET", "/a+b"), map[string]int64{}},
		{"dot is literal", []Rule{{Pattern: "/a.json", MetricID: 1}}, req("GET", "/axjson"), map[string]int64{}},
		{"encoded slash decoded", []Rule{{Pattern: "/v1/test$", MetricID: 2}}, req("GET", "/v1%2Ftest"), map[string]int64{"test": 1}},
		{"dot segments resolved", []Rule{{Pattern: "/v1/test$", MetricID: 2}}, req("GET", "/v1/x/../test"), map[string]int64{"test": 1}},
		{"repeated slashes merged", []Rule{{Pattern: "/v1/test$", MetricID: 2}}, req("GET", "//v1///test"), map[string]int64{"test": 1}},
		{"pattern slashes collapsed", []Rule{{Pattern: "//v1//test", MetricID: 2}}, req("GET", "/v1/test"), map[string]int64{"test": 1}},
		{"uncompilable never matches", []Rule{{Pattern: "/a(", MetricID: 1}}, req("GET", "/a("), map[string]int64{}},
	}
	for _, c := range cases {
		u := Evaluate(matchers(c.rules...), c.req)
		if !reflect.DeepEqual(u.Deltas, c.usage) {
			t.Errorf("%s: usage %v, want %v", c.name, u.Deltas, c.usage)
		}
	}
}

func TestNormalizePath(t *testing.T) {
	for in, want := range map[string]string{
		"/foo%20/bar/": "/foo%20/bar/", "/caf%c3%a9": "/caf%C3%A9", "/v1%2Ftest": "/v1/test",
		"/a/./b": "/a/b", "/a/b/..": "/a/", "/..": "/", "": "/", "/a%23b": "/a%23b", "/a%3Fb": "/a%3Fb", "/%ZZ": "/%25ZZ",
	} {
		if got := NormalizePath(in); got != want {
			t.Errorf("NormalizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPatternValidation(t *testing.T) {
	valid := []string{"/", "/$", "/foo$", "/foo$?bar=baz", "/v1/word/{word}.json?app_id={app_id}&app_key={app_key}",
		"/TWAPData;{Start};{End}", "/foo/word/{item}.json?", "/http://host/x", "/foo{x}/"}
	invalid := map[string]string{"": MsgPatternBlank, "foo": MsgPatternInvalid, " /foo": MsgPatternInvalid,
		"/micro$oft": MsgPatternInvalid, "/$$": MsgPatternInvalid, "/foo?{a}=bar": MsgVarKeys,
		"/foo/{bar}/baz/{bar}": MsgRepeatedVars, "/x?a=1&a={b}": MsgRepeatedVars, "/a b": MsgPatternInvalid,
		"/" + strings.Repeat("a", 255): "is too long (maximum is 255 characters)"}
	for _, p := range valid {
		var v apierr.Validation
		if ValidatePattern(&v, p); v.Err() != nil {
			t.Errorf("%q: %v", p, v.Err())
		}
	}
	for p, msg := range invalid {
		var v apierr.Validation
		ValidatePattern(&v, p)
		e, _ := v.Err().(*apierr.Error)
		if e == nil || len(e.Fields["pattern"]) != 1 || e.Fields["pattern"][0] != msg {
			t.Errorf("%q: got %v, want %q", p, v.Err(), msg)
		}
	}
}

func TestDerivedParameters(t *testing.T) {
	if got := Parameters("/foo/{word}/{item}.json"); !reflect.DeepEqual(got, []string{"word", "item"}) {
		t.Errorf("parameters %v", got)
	}
	q := QueryParameters("/x?action={action}&foo=bar=lol")
	if *q["action"] != "{action}" || *q["foo"] != "bar=lol" {
		t.Errorf("query parameters %v", q)
	}
	if len(QueryParameters("/foo/word/{item}.json?")) != 0 {
		t.Error("trailing ? has no parameters")
	}
}

func TestRulePositions(t *testing.T) {
	px := &Proxy{}
	px.AddRule(Rule{ID: 1}, 0)
	px.AddRule(Rule{ID: 2}, 0)
	px.AddRule(Rule{ID: 3}, 1) // inserted at the top: the others move down
	order := func() (out []int64) {
		for _, r := range px.Rules {
			out = append(out, r.ID*10+r.Position)
		}
		return
	}
	if got := order(); !reflect.DeepEqual(got, []int64{31, 12, 23}) {
		t.Fatalf("after insert: %v", got)
	}
	px.MoveRule(3, 3)
	if got := order(); !reflect.DeepEqual(got, []int64{11, 22, 33}) {
		t.Fatalf("after move: %v", got)
	}
	px.DeleteRule(1)
	if got := order(); !reflect.DeepEqual(got, []int64{21, 32}) {
		t.Fatalf("after delete: %v", got)
	}
	lone := &Proxy{}
	lone.AddRule(Rule{ID: 9}, 4)
	lone.MoveRule(9, 9)
	if lone.Rules[0].Position != 9 {
		t.Fatalf("gaps are kept: %v", lone.Rules)
	}
}

// FuzzMatch: no pattern or path makes matching panic.
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{{"/v1/{id}.json?x={y}", "/v1/12.json?x=1"}, {"/a+b$", "/aab"}, {"/(", "/%zz"},
		{"/{a}{b}", "/%c3%a9/../.."}, {"/x?a", "/x?a&a=1&%"}} {
		f.Add(s[0], s[1], "GET")
	}
	f.Fuzz(func(t *testing.T, pattern, target, method string) {
		var v apierr.Validation
		ValidatePattern(&v, pattern)
		Parameters(pattern)
		m := NewMatcher(Rule{Pattern: pattern, HTTPMethod: "GET", Delta: 1, Last: len(pattern)%2 == 0}, "hits")
		Evaluate([]*Matcher{m, m}, req(method, target))
	})
}
