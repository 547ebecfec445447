// Package params parses request parameters the way 3scale's Rack stack does:
// Rack 3.1 nested query syntax (a[b][]=1) for query strings and form bodies, and
// JSON object bodies into the same tree, with errors precise enough to
// reproduce 3scale's answers to malformed input.
package params

import (
	"slices"
	"unicode/utf8"
)

// Kind says which field of a Value is meaningful.
type Kind int

const (
	String Kind = iota // Value.Str
	List               // Value.List, from a[]=
	Map                // Value.Map, from a[k]=
)

// Value is a parsed parameter: exactly one of Str, List or Map is meaningful,
// as Kind tells.
type Value struct {
	Kind Kind
	Str  string
	List []*Value
	Map  *Params
}

// Params is an insertion-ordered map of names to values. The order matters
// because 3scale echoes and iterates parameters in the order Ruby's Hash keeps.
// The zero value is ready to use.
type Params struct {
	keys []string
	vals map[string]*Value
}

// New returns an empty Params.
func New() *Params { return &Params{vals: map[string]*Value{}} }

// Get returns the value at key.
func (p *Params) Get(key string) (*Value, bool) {
	if p == nil {
		return nil, false
	}
	v, ok := p.vals[key]
	return v, ok
}

// Keys returns the keys in first-seen order.
func (p *Params) Keys() []string {
	if p == nil {
		return nil
	}
	return slices.Clone(p.keys)
}

// Len returns the number of keys.
func (p *Params) Len() int {
	if p == nil {
		return 0
	}
	return len(p.keys)
}

// Set stores v at key. A key already present keeps its position, as a Ruby
// Hash does on reassignment.
func (p *Params) Set(key string, v *Value) {
	if p.vals == nil {
		p.vals = map[string]*Value{}
	}
	if _, ok := p.vals[key]; !ok {
		p.keys = append(p.keys, key)
	}
	p.vals[key] = v
}

// Delete removes key, if present.
func (p *Params) Delete(key string) {
	if _, ok := p.Get(key); !ok {
		return
	}
	delete(p.vals, key)
	i := slices.Index(p.keys, key)
	p.keys = slices.Delete(p.keys, i, i+1)
}

// String returns the scalar at key; false if it is absent or not a String.
func (p *Params) String(key string) (string, bool) {
	v, ok := p.Get(key)
	if !ok || v == nil || v.Kind != String {
		return "", false
	}
	return v.Str, true
}

// Map returns the nested map at key; false if it is absent or not a Map.
func (p *Params) Map(key string) (*Params, bool) {
	v, ok := p.Get(key)
	if !ok || v == nil || v.Kind != Map {
		return nil, false
	}
	return v.Map, true
}

// Merge copies other's top-level keys into p, overriding p's, as Rack's
// GET.merge(POST) does for query and body. Values are shared, not copied.
func (p *Params) Merge(other *Params) {
	for _, k := range other.Keys() {
		p.Set(k, other.vals[k])
	}
}

// CheckUTF8 reports an InvalidUTF8 error if any key or string value at any
// depth is not valid UTF-8. It is separate from parsing because 3scale
// answers bad encoding with a different status than bad syntax.
func CheckUTF8(p *Params) error {
	if p == nil {
		return nil
	}
	for _, k := range p.keys {
		if !utf8.ValidString(k) {
			return errInvalidUTF8()
		}
		if err := checkValueUTF8(p.vals[k]); err != nil {
			return err
		}
	}
	return nil
}

func checkValueUTF8(v *Value) error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case String:
		if !utf8.ValidString(v.Str) {
			return errInvalidUTF8()
		}
	case List:
		for _, e := range v.List {
			if err := checkValueUTF8(e); err != nil {
				return err
			}
		}
	case Map:
		return CheckUTF8(v.Map)
	}
	return nil
}
