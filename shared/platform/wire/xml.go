package wire

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
)

// XMLHeader starts every XML document 3scale emits.
const XMLHeader = `<?xml version="1.0" encoding="UTF-8"?>`

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Escape escapes text the way Builder does for element content and attributes.
func Escape(s string) string { return xmlEscaper.Replace(s) }

// MarshalXML renders the resource as an XML document.
func (o *Obj) XMLDoc() []byte {
	var b bytes.Buffer
	b.WriteString(XMLHeader)
	o.writeXML(&b)
	return b.Bytes()
}

// RawXML is an XML fragment written as it is, inside its field's element (XML only).
type RawXML string

// XMLElement renders the resource as an element, without the document header:
// for embedding in another document.
func (o *Obj) XMLElement() []byte {
	var b bytes.Buffer
	o.writeXML(&b)
	return b.Bytes()
}

func (o *Obj) writeXML(b *bytes.Buffer) {
	b.WriteString("<" + o.element())
	for _, a := range o.attrs {
		if a.val == nil {
			continue
		}
		b.WriteString(" " + a.key + `="` + Escape(scalar(a.val)) + `"`)
	}
	b.WriteString(">")
	if o.text != nil {
		b.WriteString(Escape(*o.text))
	}
	for _, f := range o.fields {
		if f.only == jsonOnly {
			continue
		}
		if f.val == nil && f.empty {
			b.WriteString("<" + f.key + "/>")
			continue
		}
		writeXMLField(b, f.key, f.val)
	}
	b.WriteString("</" + o.element() + ">")
}

func writeXMLField(b *bytes.Buffer, key string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case Links:
		return // links are a JSON-only concept
	case *Obj:
		x.writeXML(b)
	case RawXML:
		b.WriteString("<" + key + ">" + string(x) + "</" + key + ">")
	case Raw:
		b.WriteString("<" + key + ">" + Escape(x.XML) + "</" + key + ">")
	case []*Obj:
		b.WriteString("<" + key + ">")
		for _, it := range x {
			it.writeXML(b)
		}
		b.WriteString("</" + key + ">")
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("<" + key + ">")
		for _, k := range keys {
			b.WriteString("<" + k + ">" + Escape(x[k]) + "</" + k + ">")
		}
		b.WriteString("</" + key + ">")
	default:
		b.WriteString("<" + key + ">" + Escape(scalar(x)) + "</" + key + ">")
	}
}

// XMLDoc renders a collection; pagination is rendered as attributes of its root.
func (l *List) XMLDoc() []byte {
	var b bytes.Buffer
	b.WriteString(XMLHeader)
	b.WriteString("<" + l.Name)
	if l.showMeta() {
		p := l.Page
		b.WriteString(` per_page="` + strconv.Itoa(p.PerPage) + `" total_entries="` + strconv.Itoa(p.Total) +
			`" total_pages="` + strconv.Itoa(p.Pages()) + `" current_page="` + strconv.Itoa(p.Number) + `"`)
	}
	b.WriteString(">")
	for _, it := range l.Items {
		it.writeXML(&b)
	}
	b.WriteString("</" + l.Name + ">")
	return b.Bytes()
}
