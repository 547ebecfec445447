package proxy

import (
	"regexp"
	"strings"
	"time"

	"turnpike/shared/platform/apierr"
)

// Rule is a mapping rule: requests matching Pattern and HTTPMethod count Delta
// of a metric. A product's rules live in its proxy item, in position order.
type Rule struct {
	ID         int64     `dynamodbav:"id" json:"id"`
	MetricID   int64     `dynamodbav:"metric_id" json:"metric_id"`
	Pattern    string    `dynamodbav:"pattern" json:"pattern"`
	HTTPMethod string    `dynamodbav:"http_method" json:"http_method"`
	Delta      int64     `dynamodbav:"delta" json:"delta"`
	Position   int64     `dynamodbav:"position" json:"position"`
	Last       bool      `dynamodbav:"last" json:"last"`
	CreatedAt  time.Time `dynamodbav:"created_at" json:"created_at"`
	UpdatedAt  time.Time `dynamodbav:"updated_at" json:"updated_at"`
}

// Methods a mapping rule may name (porta's list; the gateway also knows ANY).
var Methods = []string{"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"}

// Pattern error messages, porta's text (its YAML block scalars keep a line
// break and a trailing newline).
const (
	MsgPatternBlank   = "a Mapping Rule can't be empty, has to start with '/' and\ncan only contain valid URL characters and 'wildcards' - words inside curly brackets ('{}')\n"
	MsgPatternInvalid = "a Mapping Rule has to start with '/' and\ncan only contain valid URL characters and 'wildcards' - words inside curly brackets ('{}')\n"
	MsgRepeatedVars   = "Can't have repeated variable names"
	MsgVarKeys        = "Can't use variables as keys in the querystring"
)

// patternRE is porta's grammar: '/', path characters, %XX and {name}
// wildcards, an optional single '$', then an optional query.
var patternRE = regexp.MustCompile(`^/(?:[A-Za-z0-9\-_.!~*'():@&=+,;/]|%[0-9A-Fa-f]{2}|\{[A-Za-z0-9_]+\})*\$?` +
	`(?:\?(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|\{[A-Za-z0-9_]+\})*)?$`)

var varName = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// ValidatePattern checks a pattern and records porta's messages on field "pattern".
func ValidatePattern(v *apierr.Validation, p string) {
	switch {
	case strings.TrimSpace(p) == "":
		v.Add("pattern", MsgPatternBlank)
		return
	case len(p) > 255:
		v.Add("pattern", "is too long (maximum is 255 characters)")
		return
	}
	path, query, hasQuery := strings.Cut(p, "?")
	if hasQuery {
		for _, kv := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if strings.Contains(k, "{") {
				v.Add("pattern", MsgVarKeys)
				return
			}
		}
	}
	if !patternRE.MatchString(p) {
		v.Add("pattern", MsgPatternInvalid)
		return
	}
	seen := map[string]bool{}
	for _, n := range Parameters(path) {
		if seen[n] {
			v.Add("pattern", MsgRepeatedVars)
			return
		}
		seen[n] = true
	}
	if hasQuery {
		for _, kv := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if k == "" {
				continue
			}
			if seen[k] {
				v.Add("pattern", MsgRepeatedVars)
				return
			}
			seen[k] = true
		}
	}
}

// Parameters are the wildcard names of a pattern's path part, in order.
func Parameters(pattern string) []string {
	path, _, _ := strings.Cut(pattern, "?")
	out := []string{}
	for _, m := range varName.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// QueryParameters are a pattern's query conditions: each '&' piece split at
// its first '='; a key without '=' has no value (it must only be present).
func QueryParameters(pattern string) map[string]*string {
	out := map[string]*string{}
	_, query, ok := strings.Cut(pattern, "?")
	if !ok {
		return out
	}
	for _, kv := range strings.Split(query, "&") {
		if kv == "" {
			continue
		}
		k, val, has := strings.Cut(kv, "=")
		if has {
			out[k] = &val
		} else {
			out[k] = nil
		}
	}
	return out
}

// ValidMethod tells whether m is a method a rule may name.
func ValidMethod(m string) bool {
	for _, x := range Methods {
		if x == m {
			return true
		}
	}
	return false
}
