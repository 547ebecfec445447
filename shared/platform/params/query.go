package params

import (
	"strings"
	"unicode/utf8"
)

// Rack 3.1's default limits for a query string or form body.
const (
	MaxParams = 4096
	MaxBytes  = 4 << 20
)

// maxDepth is Rack's param_depth_limit.
const maxDepth = 32

// ParseQuery parses an application/x-www-form-urlencoded body or a raw query
// string as Rack 3.1's parse_nested_query does, with Rack's error messages.
// Invalid UTF-8 is kept as is for CheckUTF8 to report, except where Rack
// itself trips over it: a non-UTF-8 key within a list of maps (a[][\xff])
// fails with BadEncoding, as Rack raises the same error class there.
func ParseQuery(raw string) (*Params, error) {
	params := New()
	if raw == "" {
		return params, nil
	}
	if len(raw) > MaxBytes {
		return nil, errorf(TooLarge, "total query size exceeds limit (%d)", MaxBytes)
	}
	// Rack counts separators, empty pairs included.
	if n := strings.Count(raw, "&") + 1; n > MaxParams {
		return nil, errorf(TooMany, "total number of query parameters (%d) exceeds limit (%d)", n, MaxParams)
	}
	ps := parser{nils: map[*Value]bool{}}
	for i, pair := range strings.Split(raw, "&") {
		if i > 0 {
			// Rack splits on /& */, so spaces after a separator vanish.
			pair = strings.TrimLeft(pair, " ")
		}
		if pair == "" {
			continue
		}
		rawKey, rawVal, hasVal := strings.Cut(pair, "=")
		key, err := unescape(rawKey)
		if err != nil {
			return nil, err
		}
		v := &Value{Kind: String}
		if hasVal {
			if v.Str, err = unescape(rawVal); err != nil {
				return nil, err
			}
		} else {
			ps.nils[v] = true
		}
		if _, err := ps.normalize(params, key, v, 0); err != nil {
			return nil, err
		}
	}
	return params, nil
}

// parser remembers which values were Ruby's nil (a key without "="): Rack's
// `params[k] ||= {}` replaces those silently where an empty string would
// be a shape conflict.
type parser struct {
	nils map[*Value]bool
}

// normalize is Rack's _normalize_params: it stores v under name in params.
// It returns a non-nil list only where Rack returns [v] instead of params
// (a bare "[]" below the top level).
func (ps *parser) normalize(params *Params, name string, v *Value, depth int) (*Value, error) {
	if depth >= maxDepth {
		return nil, errorf(BadNesting, "params too deep")
	}
	var k, after string
	switch {
	case depth == 0:
		// A leading "[" is part of the name, not nesting.
		k = name
		if len(name) > 1 {
			if i := strings.IndexByte(name[1:], '['); i >= 0 {
				k, after = name[:i+1], name[i+1:]
			}
		}
	case strings.HasPrefix(name, "[]"):
		k, after = "[]", name[2:]
	case strings.HasPrefix(name, "[") && strings.IndexByte(name[1:], ']') >= 0:
		end := strings.IndexByte(name[1:], ']') + 1
		k, after = name[1:end], name[end+1:]
	default:
		// Malformed nesting: Rack keeps the whole remainder as the key.
		k = name
	}
	if k == "" {
		return nil, nil
	}

	switch {
	case after == "":
		if k == "[]" && depth != 0 {
			return &Value{Kind: List, List: []*Value{v}}, nil
		}
		params.Set(k, v)
	case after == "[":
		params.Set(name, v)
	case after == "[]":
		list, err := ps.list(params, k)
		if err != nil {
			return nil, err
		}
		list.List = append(list.List, v)
	case strings.HasPrefix(after, "[]"):
		// a[][x] builds a list of maps; anything else after "[]" nests as is.
		child := after[2:]
		if len(after) > 4 && after[2] == '[' && after[len(after)-1] == ']' {
			if ck := after[3 : len(after)-1]; !strings.ContainsAny(ck, "[]") {
				child = ck
			}
		}
		list, err := ps.list(params, k)
		if err != nil {
			return nil, err
		}
		var last *Value
		if n := len(list.List); n > 0 && list.List[n-1].Kind == Map {
			last = list.List[n-1]
			// Rack matches a regexp against the key here, which raises on
			// invalid UTF-8 as its %-decoding errors do.
			if !utf8.ValidString(child) {
				return nil, errorf(BadEncoding, "invalid byte sequence in UTF-8")
			}
		}
		// Fill the last map until it already has the key, then start a new one.
		if last != nil && !hasKey(last, child) {
			if _, err := ps.normalize(last.Map, child, v, depth+1); err != nil {
				return nil, err
			}
		} else {
			m := New()
			r, err := ps.normalize(m, child, v, depth+1)
			if err != nil {
				return nil, err
			}
			if r == nil {
				r = &Value{Kind: Map, Map: m}
			}
			list.List = append(list.List, r)
		}
	default:
		cur, ok := params.Get(k)
		if !ok || ps.nils[cur] {
			cur = &Value{Kind: Map, Map: New()}
			params.Set(k, cur)
		} else if cur.Kind != Map {
			return nil, errorf(BadNesting, "expected Hash (got %s) for param `%s'", rubyClass(cur), k)
		}
		if _, err := ps.normalize(cur.Map, after, v, depth+1); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// list returns the list at params[k], creating it if absent or nil.
func (ps *parser) list(params *Params, k string) (*Value, error) {
	cur, ok := params.Get(k)
	if !ok || ps.nils[cur] {
		cur = &Value{Kind: List}
		params.Set(k, cur)
	} else if cur.Kind != List {
		return nil, errorf(BadNesting, "expected Array (got %s) for param `%s'", rubyClass(cur), k)
	}
	return cur, nil
}

// hasKey is Rack's params_hash_has_key?: whether the bracketed path key
// already exists under m. A path with "[]" never does.
func hasKey(m *Value, key string) bool {
	if strings.Contains(key, "[]") {
		return false
	}
	cur := m
	for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == '[' || r == ']' }) {
		if cur.Kind != Map {
			return false
		}
		next, ok := cur.Map.Get(part)
		if !ok {
			return false
		}
		cur = next
	}
	return true
}

// rubyClass names v's shape as Ruby's class would in Rack's messages.
func rubyClass(v *Value) string {
	switch v.Kind {
	case List:
		return "Array"
	case Map:
		return "Hash"
	}
	return "String"
}

// unescape is URI.decode_www_form_component: "+" is a space and every "%"
// must start a two-digit hex escape. Bytes are kept even if not UTF-8.
func unescape(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", errorf(BadEncoding, "invalid %%-encoding")
			}
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
