package wire

import (
	"bytes"
	"encoding/json"
	"sort"
)

// JSON renders a single resource wrapped in its name.
func (o *Obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{`)
	writeJSONString(&b, o.Name)
	b.WriteString(`:`)
	if err := o.body(&b); err != nil {
		return nil, err
	}
	b.WriteString(`}`)
	return b.Bytes(), nil
}

func (o *Obj) body(b *bytes.Buffer) error {
	b.WriteString(`{`)
	first := true
	for _, f := range o.fields {
		if f.only == xmlOnly || (f.val == nil && !f.keep) {
			continue
		}
		if !first {
			b.WriteString(`,`)
		}
		first = false
		writeJSONString(b, f.key)
		b.WriteString(`:`)
		if err := writeJSONValue(b, f.val); err != nil {
			return err
		}
	}
	b.WriteString(`}`)
	return nil
}

func writeJSONValue(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case *Obj:
		return x.body(b)
	case []*Obj:
		b.WriteString(`[`)
		for i, it := range x {
			if i > 0 {
				b.WriteString(`,`)
			}
			raw, err := it.MarshalJSON()
			if err != nil {
				return err
			}
			b.Write(raw)
		}
		b.WriteString(`]`)
	case Links:
		b.WriteString(`[`)
		for i, l := range x {
			if i > 0 {
				b.WriteString(`,`)
			}
			b.WriteString(`{"rel":`)
			writeJSONString(b, l.Rel)
			b.WriteString(`,"href":`)
			writeJSONString(b, l.Href)
			b.WriteString(`}`)
		}
		b.WriteString(`]`)
	case Raw:
		b.Write(x.JSON)
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(`{`)
		for i, k := range keys {
			if i > 0 {
				b.WriteString(`,`)
			}
			writeJSONString(b, k)
			b.WriteString(`:`)
			writeJSONString(b, x[k])
		}
		b.WriteString(`}`)
	case float64:
		// 3scale renders money as floats with a decimal point (0.0, 10.5).
		raw, err := json.Marshal(x)
		if err != nil {
			return err
		}
		b.Write(raw)
		if !bytes.ContainsAny(raw, ".eE") {
			b.WriteString(".0")
		}
	default:
		raw, err := json.Marshal(x)
		if err != nil {
			return err
		}
		b.Write(raw)
	}
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	raw, _ := json.Marshal(s) // marshalling a string cannot fail
	b.Write(raw)
}

// MarshalJSON renders a collection with its optional metadata.
func (l *List) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{`)
	writeJSONString(&b, l.Name)
	b.WriteString(`:`)
	items := l.Items
	if items == nil {
		items = []*Obj{}
	}
	if err := writeJSONValue(&b, items); err != nil {
		return nil, err
	}
	if l.showMeta() {
		p := l.Page
		b.WriteString(`,"metadata":`)
		raw, _ := json.Marshal(map[string]int{"per_page": p.PerPage, "total_entries": p.Total, "total_pages": p.Pages(), "current_page": p.Number})
		b.Write(raw)
	}
	b.WriteString(`}`)
	return b.Bytes(), nil
}
