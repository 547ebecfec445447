package proxy

import (
	"context"
	"strconv"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/proxy"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
)

// maxPosition bounds a rule's position (porta's integer column).
const maxPosition = 1<<31 - 1

// ruleInput is a create or update of a mapping rule: the fields sent.
type ruleInput struct {
	rule     proxy.Rule
	position int64
	hasPos   bool
	set      map[string]bool
}

// readRule reads the writable fields over r (the current rule, or a new one)
// and validates the result; on create every required field must be there.
func readRule(q *api.Request, r proxy.Rule, create bool) (*ruleInput, error) {
	in := &ruleInput{rule: r, set: map[string]bool{}}
	var v apierr.Validation
	str := func(name string) (string, bool) {
		val, ok := q.Value(name)
		if !ok {
			return "", false
		}
		in.set[name] = true
		if val.Kind != params.String {
			v.Add(name, "is invalid")
			return "", false
		}
		return val.Str, true
	}
	if s, ok := str("http_method"); ok {
		in.rule.HTTPMethod = s
	}
	if s, ok := str("pattern"); ok {
		in.rule.Pattern = s
	}
	if s, ok := str("delta"); ok {
		in.rule.Delta = integer(&v, "delta", s)
	}
	if s, ok := str("position"); ok && strings.TrimSpace(s) != "" {
		in.position, in.hasPos = integer(&v, "position", s), true
		if in.position > maxPosition {
			v.Add("position", "must be less than or equal to 2147483647")
		}
	}
	if s, ok := str("last"); ok {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "1", "t", "on", "yes":
			in.rule.Last = true
		case "false", "0", "f", "off", "no", "":
			in.rule.Last = false
		default:
			v.Add("last", "is not included in the list")
		}
	}
	if s, ok := str("metric_id"); ok {
		id, perr := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if perr != nil || id <= 0 {
			if strings.TrimSpace(s) == "" {
				v.Add("metric_id", "can't be blank")
			} else {
				in.rule.MetricID = -1 // looked up: not found
			}
		} else {
			in.rule.MetricID = id
		}
	} else if create {
		v.Add("metric_id", "can't be blank")
	}
	if create || in.set["http_method"] {
		if in.rule.HTTPMethod == "" {
			v.Add("http_method", "can't be blank")
		} else if !proxy.ValidMethod(in.rule.HTTPMethod) {
			v.Add("http_method", "is not included in the list")
		}
	}
	if create || in.set["pattern"] {
		proxy.ValidatePattern(&v, in.rule.Pattern)
	}
	if (create && !in.set["delta"]) || (in.set["delta"] && in.rule.Delta == 0 && v.Err() == nil) {
		v.Add("delta", "can't be blank")
	}
	if in.rule.Delta < 0 {
		v.Add("delta", "must be greater than 0")
	}
	if in.hasPos && in.position <= 0 {
		v.Add("position", "must be greater than 0")
	}
	return in, v.Err()
}

// integer reads an integer with Rails' numericality messages.
func integer(v *apierr.Validation, field, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
			v.Add(field, "must be an integer")
		} else {
			v.Add(field, "is not a number")
		}
		return 0
	}
	if field == "delta" && n <= 0 {
		v.Add(field, "must be greater than 0")
		return 1
	}
	return n
}

// checkMetric makes sure a rule's metric is one of the product's own (404 otherwise).
func checkMetric(pr *product, id int64) error {
	if _, ok := pr.names[id]; !ok {
		return apierr.NotFound()
	}
	return nil
}

// pathRule finds the rule a path names.
func pathRule(ctx context.Context, d *deps.Deps, q *api.Request) (*product, *proxy.Rule, error) {
	pr, err := loadProduct(ctx, d, q)
	if err != nil {
		return nil, nil, err
	}
	id, ok := store.ParseID(q.Var("rule_id"))
	if !ok {
		return nil, nil, apierr.NotFound()
	}
	r, ok := pr.px.Rule(id)
	if !ok {
		return nil, nil, apierr.NotFound()
	}
	return pr, r, nil
}
