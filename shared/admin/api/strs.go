package api

// StrParam is a string parameter and the variable Strs reads it into.
type StrParam struct {
	name string
	dst  *string
	sent *bool
}

// Into names a string parameter and the variable it goes to.
func Into(name string, dst *string) StrParam { return StrParam{name: name, dst: dst} }

// Sent also records whether the parameter was sent.
func (p StrParam) Sent(b *bool) StrParam {
	p.sent = b
	return p
}

// Strs reads string parameters as Str does, in order: a variable keeps its
// value when its parameter is absent, and the first non-scalar is the 422.
func (q *Request) Strs(ps ...StrParam) error {
	for _, p := range ps {
		v, ok, err := q.Str(p.name)
		if err != nil {
			return err
		}
		if p.sent != nil {
			*p.sent = ok
		}
		if ok {
			*p.dst = v
		}
	}
	return nil
}
