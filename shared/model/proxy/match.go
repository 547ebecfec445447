package proxy

import (
	"net/url"
	"regexp"
	"strings"
)

// varClass is what a {name} wildcard of a mapping rule matches: one or more
// characters of a path segment (APIcast's class; no '/', '?', '#' or space).
const varClass = `([\w\-.~%!$&'()*+,;=@:]+)`

var (
	braces   = regexp.MustCompile(`\{[^}]*\}`)
	slashRun = regexp.MustCompile(`/{2,}`)
)

// Matcher is a mapping rule compiled the way APIcast compiles it.
type Matcher struct {
	Rule   Rule
	Metric string // the system name usage is reported under
	re     *regexp.Regexp
	query  map[string]*string
}

// CompilePattern turns a pattern into APIcast's regular expression: repeated
// slashes collapsed, the query dropped, '.' escaped, {name} wildcards, '^'
// prefixed and nothing else escaped, so '$' anchors and '*', '+', '(' and ')'
// stay operators. A pattern that does not compile gives nil: it never matches.
func CompilePattern(pattern string) *regexp.Regexp {
	p := slashRun.ReplaceAllString(pattern, "/")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	p = strings.ReplaceAll(p, ".", `\.`)
	p = braces.ReplaceAllLiteralString(p, varClass)
	re, err := regexp.Compile("^" + p)
	if err != nil {
		return nil
	}
	return re
}

// NewMatcher compiles a rule reporting under metric.
func NewMatcher(r Rule, metric string) *Matcher {
	return &Matcher{Rule: r, Metric: metric, re: CompilePattern(r.Pattern), query: QueryParameters(r.Pattern)}
}

// Request is what mapping rules look at.
type Request struct {
	Method string
	Path   string            // normalised with NormalizePath
	Params map[string]string // the last value of each query (and form body) argument
	Has    map[string]bool   // which arguments are present
}

// Matches tells whether the rule applies to the request.
func (m *Matcher) Matches(r *Request) bool {
	if m.re == nil || (m.Rule.HTTPMethod != r.Method && m.Rule.HTTPMethod != "ANY") {
		return false
	}
	if !m.re.MatchString(r.Path) {
		return false
	}
	for k, want := range m.query {
		if !r.Has[k] {
			return false
		}
		if want == nil || isVar(*want) {
			continue
		}
		if r.Params[k] != *want {
			return false
		}
	}
	return true
}

func isVar(s string) bool { return len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}' }

// Usage is what matched: metric system name → summed delta, in first-match order.
type Usage struct {
	Metrics []string
	Deltas  map[string]int64
	Matched []string // the patterns that matched, for debugging answers
}

// Empty tells whether no rule matched.
func (u *Usage) Empty() bool { return len(u.Metrics) == 0 }

// Evaluate walks the rules in order: every matching rule adds its delta, and a
// matching rule marked last stops the walk.
func Evaluate(ms []*Matcher, r *Request) *Usage {
	u := &Usage{Deltas: map[string]int64{}}
	for _, m := range ms {
		if !m.Matches(r) {
			continue
		}
		if _, seen := u.Deltas[m.Metric]; !seen {
			u.Metrics = append(u.Metrics, m.Metric)
		}
		u.Deltas[m.Metric] += m.Rule.Delta
		u.Matched = append(u.Matched, m.Rule.Pattern)
		if m.Rule.Last {
			break
		}
	}
	return u
}

// NormalizePath prepares a request path for matching as APIcast does:
// percent-decoded (so %2F becomes /), dot segments resolved, repeated slashes
// merged, then only control bytes, space, '#', '%', '?', DEL and non-ASCII
// re-escaped with upper-case hex.
func NormalizePath(raw string) string {
	dec, err := url.PathUnescape(raw)
	if err != nil {
		dec = raw
	}
	dec = slashRun.ReplaceAllString(dec, "/")
	dec = resolveDots(dec)
	var b strings.Builder
	for i := 0; i < len(dec); i++ {
		c := dec[i]
		if c <= 0x20 || c == '#' || c == '%' || c == '?' || c >= 0x7F {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
			continue
		}
		b.WriteByte(c)
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// resolveDots removes "." and ".." segments (RFC 3986 §5.2.4).
func resolveDots(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// ParseArgs reads query (or form) arguments: the last value of each decoded
// key, as mapping rules compare them.
func ParseArgs(raw string, into map[string]string, has map[string]bool) {
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		into[k] = v
		has[k] = true
	}
}
