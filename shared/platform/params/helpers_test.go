package params

import (
	"strconv"
	"strings"
)

// dump renders p compactly and in key order, e.g. {"a":["1",{"b":"2"}]}, so
// table cases can state the expected tree in one string.
func dump(p *Params) string {
	var b strings.Builder
	dumpParams(&b, p)
	return b.String()
}

func dumpParams(b *strings.Builder, p *Params) {
	b.WriteByte('{')
	for i, k := range p.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k))
		b.WriteByte(':')
		v, _ := p.Get(k)
		dumpValue(b, v)
	}
	b.WriteByte('}')
}

func dumpValue(b *strings.Builder, v *Value) {
	switch v.Kind {
	case String:
		b.WriteString(strconv.Quote(v.Str))
	case List:
		b.WriteByte('[')
		for i, e := range v.List {
			if i > 0 {
				b.WriteByte(',')
			}
			dumpValue(b, e)
		}
		b.WriteByte(']')
	case Map:
		dumpParams(b, v.Map)
	}
}
