package catalog

import (
	"reflect"
	"regexp"
	"testing"
)

func TestCanonicalDecimal(t *testing.T) {
	for in, want := range map[string]string{"0.50": "0.5", "2": "2.0", "007.1000": "7.1", "0": "0.0", "3.": "3.0", ".25": "0.25"} {
		if got := canonicalDecimal(in); got != want {
			t.Errorf("canonicalDecimal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	r := func(min, max int64) *PricingRule { return &PricingRule{Min: min, Max: max} }
	for _, c := range []struct {
		a, b *PricingRule
		want bool
	}{
		{r(1, 10), r(11, 20), false},
		{r(1, 10), r(10, 20), true},
		{r(1, 0), r(1000, 2000), true},
		{r(5, 6), r(1, 4), false},
		{r(1, 0), r(2, 0), true},
	} {
		if got := overlaps(c.a, c.b); got != c.want || overlaps(c.b, c.a) != c.want {
			t.Errorf("overlaps(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestSystemNames(t *testing.T) {
	for in, want := range map[string]string{"Echo API": "echo_api", "  v2 ": "v2", "Gold-Plan (2024)": "gold_plan_2024"} {
		if got := systemNameFor("plan", in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	if got := systemNameFor("feature", "日本"); !regexp.MustCompile(`^feature_[0-9a-f]{12}$`).MatchString(got) {
		t.Errorf("made-up system name %q", got)
	}
	for s, ok := range map[string]bool{"a": false, "ab": true, "a/b-c_d": true, "-ab": false, "a b": false, "é1": false} {
		if systemNameRE.MatchString(s) != ok {
			t.Errorf("system name %q valid = %v", s, !ok)
		}
	}
}

func TestDirChunks(t *testing.T) {
	cs := DirChunks(1, "X", []int64{5, 999, 1000, 2500, 1999})
	if len(cs) != 3 || cs[0].N != 2 || cs[1].N != 2 || cs[2].N != 1 || !reflect.DeepEqual(cs[1].IDs, []int64{1000, 1999}) {
		t.Fatalf("chunks %+v %+v %+v", cs[0], cs[1], cs[2])
	}
	if cs[0].SK >= cs[1].SK || cs[1].SK >= cs[2].SK {
		t.Fatal("chunks sort in id order")
	}
}

func TestNotificationXML(t *testing.T) {
	got := notificationXML(map[string][]int64{"web_provider": {50, 100}, "email_buyer": {}})
	if !reflect.DeepEqual(got, map[string]string{"web_provider": "[50, 100]", "email_buyer": "[]"}) {
		t.Fatalf("%v", got)
	}
}
