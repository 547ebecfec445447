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

// AccountFields are 3scale's built-in account fields besides org_name, in
// the order its representations write them; blank ones are not written.
var AccountFields = []string{"org_legaladdress", "org_legaladdress_cont", "city", "state_region", "zip", "country",
	"telephone_number", "vat_code", "vat_rate", "fiscal_code", "business_category", "primary_business", "po_number"}

// readAccountFields applies the built-in fields sent to a copy of m (a blank
// value clears one); it tells whether any was sent.
func readAccountFields(q *api.Request, m map[string]string, v *apierr.Validation) (map[string]string, bool, error) {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]string{}
	}
	sent := false
	for _, name := range AccountFields {
		val, ok, err := q.Str(name)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			continue
		}
		sent = true
		switch {
		case len(val) > 255:
			v.Add(name, "is too long (maximum is 255 characters)")
		case val == "":
			delete(out, name)
		default:
			out[name] = val
		}
	}
	return out, sent, nil
}
