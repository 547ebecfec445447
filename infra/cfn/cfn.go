// Package cfn reads template.yaml: CloudFormation's short-form tags become
// their long forms (!Ref x → {"Ref": x}), so the tests can check references and
// the local stack can create the very tables the template declares.
package cfn

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a parsed template.
type Template struct {
	Parameters map[string]any
	Globals    map[string]any
	Resources  map[string]Resource
	Outputs    map[string]any
}

// Resource is one resource.
type Resource struct {
	Type       string
	Properties map[string]any
	Metadata   map[string]any
}

// Parse decodes a template.
func Parse(b []byte) (*Template, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("cfn: %w", err)
	}
	v, err := convert(&root)
	if err != nil {
		return nil, err
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("cfn: template is not a mapping")
	}
	t := &Template{Resources: map[string]Resource{}}
	t.Parameters, _ = doc["Parameters"].(map[string]any)
	t.Globals, _ = doc["Globals"].(map[string]any)
	t.Outputs, _ = doc["Outputs"].(map[string]any)
	res, _ := doc["Resources"].(map[string]any)
	for name, r := range res {
		m, _ := r.(map[string]any)
		typ, _ := m["Type"].(string)
		props, _ := m["Properties"].(map[string]any)
		meta, _ := m["Metadata"].(map[string]any)
		t.Resources[name] = Resource{Type: typ, Properties: props, Metadata: meta}
	}
	return t, nil
}

func convert(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return convert(n.Content[0])
	case yaml.AliasNode:
		return convert(n.Alias)
	}
	var v any
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			val, err := convert(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = val
		}
		v = m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, err := convert(c)
			if err != nil {
				return nil, err
			}
			l = append(l, val)
		}
		v = l
	default:
		var s any
		if err := n.Decode(&s); err != nil {
			s = n.Value
		}
		if n.Tag != "" && strings.HasPrefix(n.Tag, "!") && n.Tag != "!!str" {
			s = n.Value
		}
		v = s
	}
	if !strings.HasPrefix(n.Tag, "!") || strings.HasPrefix(n.Tag, "!!") {
		return v, nil
	}
	switch tag := n.Tag[1:]; tag {
	case "Ref":
		return map[string]any{"Ref": v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			parts := strings.SplitN(s, ".", 2)
			l := make([]any, len(parts))
			for i, p := range parts {
				l[i] = p
			}
			v = l
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	default:
		return map[string]any{"Fn::" + tag: v}, nil
	}
}

// OfType lists the names of the resources of a type.
func (t *Template) OfType(typ string) []string {
	var out []string
	for name, r := range t.Resources {
		if r.Type == typ {
			out = append(out, name)
		}
	}
	return out
}
