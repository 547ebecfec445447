package audience

import (
	"maps"
	"regexp"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
)

// Annotation names must be XML element names: they are rendered as elements.
var annotationRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]{0,254}$`)

const maxAnnotation = 4096

// readAnnotations applies annotations[name]=value to a copy of m; a blank value removes the annotation.
func readAnnotations(q *api.Request, m map[string]string) (map[string]string, error) {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]string{}
	}
	v, ok := q.Value("annotations")
	if !ok {
		return out, nil
	}
	if v.Kind != params.Map {
		return nil, apierr.Invalid("annotations", "is invalid")
	}
	for _, name := range v.Map.Keys() {
		val, ok := v.Map.String(name)
		if !ok || !annotationRE.MatchString(name) || len(val) > maxAnnotation {
			return nil, apierr.Invalid("annotations", "is invalid")
		}
		if val == "" {
			delete(out, name)
		} else {
			out[name] = val
		}
	}
	return out, nil
}

// readOrgName reads org_name; blank is refused.
func readOrgName(q *api.Request, v *apierr.Validation) (string, bool, error) {
	org, ok, err := q.Str("org_name")
	if err != nil {
		return "", ok, err
	}
	if ok && org == "" {
		v.Add("org_name", "can't be blank")
	} else if len(org) > 255 {
		v.Add("org_name", "is too long (maximum is 255 characters)")
	}
	return org, ok, nil
}
