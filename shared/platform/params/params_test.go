package params

import (
	"slices"
	"testing"
)

func TestParamsModel(t *testing.T) {
	p := New()
	p.Set("b", &Value{Kind: String, Str: "1"})
	p.Set("a", &Value{Kind: Map, Map: New()})
	p.Set("c", &Value{Kind: List})
	p.Set("b", &Value{Kind: String, Str: "2"})
	if got := p.Keys(); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Fatalf("Keys() = %q", got)
	}
	if s, ok := p.String("b"); !ok || s != "2" {
		t.Errorf(`String("b") = %q, %v`, s, ok)
	}
	if _, ok := p.String("a"); ok {
		t.Error(`String("a") ok for a Map`)
	}
	if _, ok := p.Map("a"); !ok {
		t.Error(`Map("a") not ok`)
	}
	if _, ok := p.Map("b"); ok {
		t.Error(`Map("b") ok for a String`)
	}
	if _, ok := p.Map("zz"); ok {
		t.Error(`Map("zz") ok for a missing key`)
	}
	p.Delete("a")
	p.Delete("missing")
	if got := p.Keys(); !slices.Equal(got, []string{"b", "c"}) || p.Len() != 2 {
		t.Errorf("after Delete: Keys() = %q, Len() = %d", got, p.Len())
	}

	var zero Params
	zero.Set("x", &Value{Kind: String})
	if zero.Len() != 1 {
		t.Error("zero Params not usable")
	}
}

func TestMerge(t *testing.T) {
	q, _ := ParseQuery("a=1&b=2&c[d]=3")
	body, _ := ParseJSON([]byte(`{"b":"x","e":"y","c":"z"}`))
	q.Merge(body)
	if got, want := dump(q), `{"a":"1","b":"x","c":"z","e":"y"}`; got != want {
		t.Errorf("merged %s, want %s", got, want)
	}
}
