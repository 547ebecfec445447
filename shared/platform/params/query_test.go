package params

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", `{}`},
		{"scalar", "a=1", `{"a":"1"}`},
		{"empty value is a String", "usage=", `{"usage":""}`},
		{"no equals", "a", `{"a":""}`},
		{"plus is space", "a=b+c&d+e=f", `{"a":"b c","d e":"f"}`},
		{"percent", "a=%41%2b%2B", `{"a":"A++"}`},
		{"last wins", "a=1&a=2", `{"a":"2"}`},
		{"empty pairs", "&&a=1&&b=2&", `{"a":"1","b":"2"}`},
		{"semicolon is not a separator", "a=1;b=2", `{"a":"1;b=2"}`},
		{"spaces after & dropped", "a=1&  b=2", `{"a":"1","b":"2"}`},
		{"leading space kept", " a=1", `{" a":"1"}`},
		{"empty key skipped", "=1&a=2", `{"a":"2"}`},
		{"order preserved", "z=1&a=2&m=3&a=4", `{"z":"1","a":"4","m":"3"}`},
		{"usage", "usage[hits]=1&usage[search]=%235", `{"usage":{"hits":"1","search":"#5"}}`},
		{"transactions",
			"transactions[0][app_id]=a&transactions[0][usage][hits]=1&transactions[1][app_id]=b",
			`{"transactions":{"0":{"app_id":"a","usage":{"hits":"1"}},"1":{"app_id":"b"}}}`},
		{"list", "a[]=1&a[]=2", `{"a":["1","2"]}`},
		{"list without value", "a[]", `{"a":[""]}`},
		{"nested list", "a[b][]=1&a[b][]=2", `{"a":{"b":["1","2"]}}`},
		{"list of maps", "a[][x]=1&a[][y]=2&a[][x]=3", `{"a":[{"x":"1","y":"2"},{"x":"3"}]}`},
		{"list of nested maps", "a[][x][y]=1&a[][x][z]=2&a[][x][y]=3", `{"a":[{"x":{"y":"1","z":"2"}},{"x":{"y":"3"}}]}`},
		{"list of lists", "a[][]=1&a[][]=2", `{"a":[["1"],["2"]]}`},
		{"mixed list", "a[]=1&a[][x]=2", `{"a":["1",{"x":"2"}]}`},
		{"list then scalar", "a[]=1&a=2", `{"a":"2"}`},
		{"map then scalar", "a[b]=1&a=2", `{"a":"2"}`},
		{"nil then map", "a&a[b]=1", `{"a":{"b":"1"}}`},
		{"nil then list", "a&a[]=1", `{"a":["1"]}`},
		{"nil inside list of maps", "a[][x]&a[][x][y]=1", `{"a":[{"x":{"y":"1"}}]}`},
		{"leading bracket literal", "[foo]=1", `{"[foo]":"1"}`},
		{"leading bracket then nesting", "[foo][bar]=1", `{"[foo]":{"bar":"1"}}`},
		{"bare brackets", "[]=1", `{"[]":"1"}`},
		{"unbalanced", "a[b=1", `{"a":{"[b":"1"}}`},
		{"trailing open bracket", "a[=1", `{"a[":"1"}`},
		{"trailing open bracket nested", "a[b][=1", `{"a":{"[b][":"1"}}`},
		{"escaped brackets nest", "a%5Bb%5D=1", `{"a":{"b":"1"}}`},
		{"junk after bracket", "a[b]c=1", `{"a":{"b":{"c":"1"}}}`},
		{"list then junk", "a[]x=1", `{"a":[{"x":"1"}]}`},
		{"dropped like rack", "a[][x]=1&a[][]=2", `{"a":[{"x":"1"}]}`},
		{"invalid utf8 kept", "app_id=%FF", `{"app_id":"\xff"}`},
		{"invalid utf8 first list-of-maps key", "a[][%FF]=1&a[]=2&a[][%FF]=3", `{"a":[{"\xff":"1"},"2",{"\xff":"3"}]}`},
		{"depth 31", "a" + strings.Repeat("[a]", 31) + "=1", `{"a":` + strings.Repeat(`{"a":`, 31) + `"1"` + strings.Repeat("}", 32)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := dump(p); got != tt.want {
				t.Errorf("ParseQuery(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     ErrorKind
		msg      string
	}{
		{"hash after array", "usage[]=1&usage[hits]=1", BadNesting, "expected Hash (got Array) for param `usage'"},
		{"hash after string", "usage=1&usage[hits]=1", BadNesting, "expected Hash (got String) for param `usage'"},
		{"hash after empty string", "usage=&usage[hits]=1", BadNesting, "expected Hash (got String) for param `usage'"},
		{"array after hash", "usage[hits]=1&usage[]=2", BadNesting, "expected Array (got Hash) for param `usage'"},
		{"array after string", "usage=1&usage[]=2", BadNesting, "expected Array (got String) for param `usage'"},
		{"array of maps after hash", "a[b]=1&a[][c]=2", BadNesting, "expected Array (got Hash) for param `a'"},
		// Rack names only the innermost key, not the full path.
		{"deep", "transactions[0][usage]=1&transactions[0][usage][hits]=1", BadNesting, "expected Hash (got String) for param `usage'"},
		{"deep array", "transactions[0][usage][hits]=1&transactions[0][usage][]=1", BadNesting, "expected Array (got Hash) for param `usage'"},
		{"too deep", "a" + strings.Repeat("[a]", 32) + "=1", BadNesting, "params too deep"},
		{"too deep lists", "a" + strings.Repeat("[]", 70) + "=1", BadNesting, "params too deep"},
		{"trailing percent", "testparam=value1%", BadEncoding, "invalid %-encoding"},
		{"short escape", "a=%4", BadEncoding, "invalid %-encoding"},
		{"bad hex", "a=%zz", BadEncoding, "invalid %-encoding"},
		{"bad key escape", "a%=1", BadEncoding, "invalid %-encoding"},
		// Rack's key lookup in a list of maps raises on invalid UTF-8.
		{"invalid utf8 list-of-maps key", "a[][x]=1&a[][%FF]=2", BadEncoding, "invalid byte sequence in UTF-8"},
		{"too many", strings.Repeat("a=1&", MaxParams) + "a=1", TooMany, "total number of query parameters (4097) exceeds limit (4096)"},
		{"too many empty", strings.Repeat("&", MaxParams), TooMany, "total number of query parameters (4097) exceeds limit (4096)"},
		{"too large", "a=" + strings.Repeat("x", MaxBytes), TooLarge, "total query size exceeds limit (4194304)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseQuery(tt.in)
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("got %v, %v; want %v error", p, err, tt.kind)
			}
			if perr.Kind != tt.kind || perr.Msg != tt.msg {
				t.Errorf("got %v %q, want %v %q", perr.Kind, perr.Msg, tt.kind, tt.msg)
			}
		})
	}
}

func TestParseQueryLimitsEdge(t *testing.T) {
	if _, err := ParseQuery(strings.Repeat("a=1&", MaxParams-1) + "a=1"); err != nil {
		t.Errorf("%d pairs: %v", MaxParams, err)
	}
	if _, err := ParseQuery("a=" + strings.Repeat("x", MaxBytes-2)); err != nil {
		t.Errorf("%d bytes: %v", MaxBytes, err)
	}
}

func TestCheckUTF8(t *testing.T) {
	tests := []struct {
		in    string
		valid bool
	}{
		{"app_id=abc&n=%C3%A9", true},
		{"app_id=%FF", false},
		{"%FF=1", false},
		{"a[%FF]=1", false},
		{"a[b][]=%C3", false},
		{"a[][x]=%E9", false},
	}
	for _, tt := range tests {
		p, err := ParseQuery(tt.in)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.in, err)
		}
		err = CheckUTF8(p)
		var perr *Error
		switch {
		case tt.valid && err != nil:
			t.Errorf("CheckUTF8(%q) = %v", tt.in, err)
		case !tt.valid && (!errors.As(err, &perr) || perr.Kind != InvalidUTF8):
			t.Errorf("CheckUTF8(%q) = %v, want InvalidUTF8", tt.in, err)
		}
	}
}
