package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"
)

// maxJSONDepth is the JSON gem's default max_nesting.
const maxJSONDepth = 100

// ParseJSON parses a JSON object body into the tree ParseQuery builds, so
// handlers need not care how parameters arrived. Scalars become Strings
// holding their JSON text (5 → "5", true → "true"), null becomes "", arrays
// become Lists and objects Maps, keys in document order.
//
// A body that is not valid UTF-8 fails with InvalidUTF8 rather than
// BadJSON: the decoder would otherwise replace the bad bytes and hide them
// from CheckUTF8.
func ParseJSON(body []byte) (*Params, error) {
	if !utf8.Valid(body) {
		return nil, errInvalidUTF8()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, badJSON(err)
	}
	if tok != json.Delim('{') {
		return nil, errorf(BadJSON, "top-level JSON value must be an object")
	}
	p, err := readObject(dec, 1)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("unexpected data after top-level value")
		}
		return nil, badJSON(err)
	}
	return p, nil
}

// readObject reads the members of an object whose "{" has been consumed.
func readObject(dec *json.Decoder, depth int) (*Params, error) {
	p := New()
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, badJSON(err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errorf(BadJSON, "invalid JSON: object key is not a string")
		}
		v, err := readValue(dec, depth)
		if err != nil {
			return nil, err
		}
		// A repeated key keeps its first position and last value, as Ruby's JSON.parse does.
		p.Set(key, v)
	}
	if _, err := dec.Token(); err != nil { // the closing "}"
		return nil, badJSON(err)
	}
	return p, nil
}

func readValue(dec *json.Decoder, depth int) (*Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, badJSON(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth+1 > maxJSONDepth {
			return nil, errorf(BadJSON, "nesting of %d is too deep", depth+1)
		}
		if t == '{' {
			m, err := readObject(dec, depth+1)
			if err != nil {
				return nil, err
			}
			return &Value{Kind: Map, Map: m}, nil
		}
		list := &Value{Kind: List, List: []*Value{}}
		for dec.More() {
			e, err := readValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			list.List = append(list.List, e)
		}
		if _, err := dec.Token(); err != nil { // the closing "]"
			return nil, badJSON(err)
		}
		return list, nil
	case string:
		return &Value{Kind: String, Str: t}, nil
	case json.Number:
		return &Value{Kind: String, Str: t.String()}, nil
	case bool:
		if t {
			return &Value{Kind: String, Str: "true"}, nil
		}
		return &Value{Kind: String, Str: "false"}, nil
	case nil:
		return &Value{Kind: String}, nil
	}
	return nil, errorf(BadJSON, "invalid JSON: unexpected token %v", tok)
}

func badJSON(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return errorf(BadJSON, "invalid JSON: %v", err)
}
