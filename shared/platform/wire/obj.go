package wire

import (
	"strconv"
	"strings"
	"time"
)

// only marks a field that exists in one format alone.
type only int

const (
	both only = iota
	jsonOnly
	xmlOnly
)

type field struct {
	key   string
	val   any
	only  only
	keep  bool // render null in JSON instead of omitting (3scale's render_nil)
	empty bool // render an empty element in XML instead of omitting
}

// Obj is an ordered representation named by its wrapper ("service", "application_plan").
type Obj struct {
	Name   string
	fields []field
	attrs  []field // XML attributes
	text   *string // XML text content instead of child elements
	elem   string  // XML element name when it differs from Name
}

// Text makes the element a text element (<key>value</key>), for XML lists of scalars.
func (o *Obj) Text(s string) *Obj {
	o.text = &s
	return o
}

// XMLName names the XML element differently from the JSON wrapper (3scale's
// plans are <plan> in XML and "application_plan" in JSON).
func (o *Obj) XMLName(name string) *Obj {
	o.elem = name
	return o
}

func (o *Obj) element() string {
	if o.elem != "" {
		return o.elem
	}
	return o.Name
}

// NewObj starts a representation.
func NewObj(name string) *Obj { return &Obj{Name: name} }

// Set adds a field for both formats. Values: nil (omitted), string, bool, int,
// int64, float64, time.Time, *Obj, []*Obj, map[string]string, Links.
func (o *Obj) Set(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val)})
	return o
}

// Keep adds a field rendered as null in JSON when nil.
func (o *Obj) Keep(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), keep: true})
	return o
}

// Always adds a field written even when nil: null in JSON, an empty element
// in XML (as 3scale's to_xml writes a blank attribute).
func (o *Obj) Always(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), keep: true, empty: true})
	return o
}

// XMLAlways adds an XML-only element written even when nil (empty).
func (o *Obj) XMLAlways(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), only: xmlOnly, empty: true})
	return o
}

// JSONKeep adds a JSON-only field rendered as null when nil.
func (o *Obj) JSONKeep(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), only: jsonOnly, keep: true})
	return o
}

// JSON adds a JSON-only field.
func (o *Obj) JSON(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), only: jsonOnly})
	return o
}

// XML adds an XML-only element.
func (o *Obj) XML(key string, val any) *Obj {
	o.fields = append(o.fields, field{key: key, val: normalize(val), only: xmlOnly})
	return o
}

// Attr adds an XML attribute on the element.
func (o *Obj) Attr(key string, val any) *Obj {
	o.attrs = append(o.attrs, field{key: key, val: normalize(val)})
	return o
}

// Get returns a field's value (tests and webhooks read them).
func (o *Obj) Get(key string) (any, bool) {
	for _, f := range o.fields {
		if f.key == key {
			return f.val, true
		}
	}
	return nil, false
}

// Link is one entry of a JSON "links" array.
type Link struct{ Rel, Href string }

// Links renders as 3scale's "links" array (JSON only).
type Links []Link

// Raw is a value rendered as given: JSON verbatim, XML as escaped text
// (3scale renders some nested documents, such as a proxy's policies, as text in XML).
type Raw struct {
	JSON []byte
	XML  string
}

// Time renders a timestamp the way 3scale does: ISO-8601, second precision, UTC.
func Time(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// normalize maps typed nils and pointers to plain values so rendering has few cases.
func normalize(v any) any {
	switch x := v.(type) {
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case *bool:
		if x == nil {
			return nil
		}
		return *x
	case *Obj:
		if x == nil {
			return nil
		}
	case int:
		return int64(x)
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return Time(x)
	case *time.Time:
		if x == nil || x.IsZero() {
			return nil
		}
		return Time(*x)
	}
	return v
}

// scalar renders a scalar as XML text.
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0" // 3scale renders decimals as 0.0, not 0
		}
		return s
	}
	return ""
}
