package params

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	epochRE = regexp.MustCompile(`^\s*-?\d+\s*$`)
	dateRE  = regexp.MustCompile(`^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})` +
		`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?` +
		`\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$`)
)

// ParseTimestamp reads a transaction timestamp as 3scale does: a UNIX epoch,
// or a date with an optional time and offset ("2010-04-22 23:59:30 -02:00",
// "2012/10/01", "… UTC"). Blank or unreadable gives ok = false: the time the
// report was received applies.
func ParseTimestamp(s string) (t time.Time, ok bool) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, false
	}
	if epochRE.MatchString(s) {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	loc := time.UTC
	if z := m[7]; z != "" && z[0] != 'Z' && z[0] != 'U' && z[0] != 'G' {
		z = strings.ReplaceAll(z, ":", "")
		off := (num0(z[1:3])*60 + num0(z[3:5])) * 60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	mo, d := num(2), num(3)
	if mo < 1 || mo > 12 || d < 1 || d > 31 || num(4) > 23 || num(5) > 59 || num(6) > 60 {
		return time.Time{}, false
	}
	t = time.Date(num(1), time.Month(mo), d, num(4), num(5), num(6), 0, loc)
	if t.Day() != d { // 2010-02-31 does not exist
		return time.Time{}, false
	}
	return t.UTC(), true
}

func num0(s string) int { n, _ := strconv.Atoi(s); return n }
