package params

import (
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var querySeeds = []string{
	"", "a=1&a=2", "usage=", "a", "a=b+c&d+e=f", "&&a=1&&b=2&", "a=1;b=2", "a=1&  b=2",
	"usage[hits]=1&usage[search]=%235",
	"transactions[0][app_id]=a&transactions[0][usage][hits]=1&transactions[1][app_id]=b",
	"usage[]=1&usage[hits]=1", "usage=1&usage[hits]=1", "usage[hits]=1&usage[]=2",
	"transactions[0][usage]=1&transactions[0][usage][hits]=1",
	"testparam=value1%", "a=%4", "a=%zz", "app_id=%FF",
	"a[][x]=1&a[][y]=2&a[][x]=3", "a[][x][y]=1&a[][x][z]=2", "a[][]=1", "a[]=1&a[][x]=2",
	"a&a[b]=1", "a[][x]&a[][x][y]=1", "a[][x]=1&a[][]=2",
	"[foo]=1", "[foo][bar]=1", "[]=1", "a[b=1", "a[=1", "a[b][=1", "a[b]c=1", "a[]x=1",
	"a" + strings.Repeat("[a]", 32) + "=1",
	"a[][x]=1&a[][%FF]=2",
}

var jsonSeeds = []string{
	`{"name":"x","application_plan":{"name":"y"},"n":5,"b":true,"l":[1,2]}`,
	`{}`, `{"f":false,"z":null,"x":-1.50e3,"s":"\u00e9\n"}`, `{"a":1,"b":2,"a":3}`,
	`{"l":[[],[{}],[{"a":[null]}]]}`, `[1]`, `"a"`, `{"a":`, `{"a":1,}`, `{} {}`, "{\"a\":\"\xff\"}",
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, err := ParseQuery(raw)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) || perr.Msg == "" {
				t.Fatalf("ParseQuery(%q): untyped error %v", raw, err)
			}
			return
		}
		checkParams(t, p, 0)
		if utf8.ValidString(raw) && !strings.Contains(raw, "%") && CheckUTF8(p) != nil {
			t.Fatalf("CheckUTF8 rejects %q, which has no escapes and is valid UTF-8", raw)
		}

		if !isFlat(p) {
			return
		}
		// A flat result survives re-encoding.
		var pairs []string
		for _, k := range p.Keys() {
			s, _ := p.String(k)
			pairs = append(pairs, url.QueryEscape(k)+"="+url.QueryEscape(s))
		}
		enc := strings.Join(pairs, "&")
		if len(enc) > MaxBytes {
			return
		}
		q, err := ParseQuery(enc)
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", enc, raw, err)
		}
		if got, want := dump(q), dump(p); got != want {
			t.Fatalf("re-parse of %q (from %q)\n got %s\nwant %s", enc, raw, got, want)
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParseJSON(body)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) || perr.Msg == "" {
				t.Fatalf("ParseJSON(%q): untyped error %v", body, err)
			}
			return
		}
		checkParams(t, p, 0)
		if err := CheckUTF8(p); err != nil {
			t.Fatalf("ParseJSON(%q) accepted invalid UTF-8: %v", body, err)
		}
		// Whatever is accepted is JSON, and encoding/json sees the same keys.
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("ParseJSON accepted %q, encoding/json says %v", body, err)
		}
		if len(m) != p.Len() {
			t.Fatalf("ParseJSON(%q) has %d keys, encoding/json %d", body, p.Len(), len(m))
		}
	})
}

// checkParams asserts the tree is well-formed: Keys and Len agree, keys are
// unique and present, and every value has exactly one meaningful field.
func checkParams(t *testing.T, p *Params, depth int) {
	t.Helper()
	if p == nil {
		t.Fatal("nil Params")
	}
	keys := p.Keys()
	if len(keys) != p.Len() {
		t.Fatalf("len(Keys()) = %d, Len() = %d", len(keys), p.Len())
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Fatalf("duplicate key %q", k)
		}
		seen[k] = true
		v, ok := p.Get(k)
		if !ok {
			t.Fatalf("key %q listed but not found", k)
		}
		checkValue(t, v, depth)
	}
}

func checkValue(t *testing.T, v *Value, depth int) {
	t.Helper()
	if v == nil {
		t.Fatal("nil Value")
	}
	if depth > 200 {
		t.Fatal("tree deeper than any limit")
	}
	switch v.Kind {
	case String:
		if v.List != nil || v.Map != nil {
			t.Fatalf("String value with List or Map: %+v", v)
		}
	case List:
		if v.Str != "" || v.Map != nil {
			t.Fatalf("List value with Str or Map: %+v", v)
		}
		for _, e := range v.List {
			checkValue(t, e, depth+1)
		}
	case Map:
		if v.Str != "" || v.List != nil || v.Map == nil {
			t.Fatalf("Map value with Str or List, or without Map: %+v", v)
		}
		checkParams(t, v.Map, depth+1)
	default:
		t.Fatalf("unknown kind %d", v.Kind)
	}
}

func isFlat(p *Params) bool {
	return !slices.ContainsFunc(p.Keys(), func(k string) bool {
		v, _ := p.Get(k)
		return v.Kind != String
	})
}
