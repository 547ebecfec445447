package catalog

import (
	"reflect"
	"testing"

	"turnpike/shared/model/catalog"
)

func TestCanonicalDecimal(t *testing.T) {
	for in, want := range map[string]string{"0.50": "0.5", "2": "2.0", "007.1000": "7.1", "0": "0.0", "3.": "3.0", ".25": "0.25"} {
		if got := canonicalDecimal(in); got != want {
			t.Errorf("canonicalDecimal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	r := func(min, max int64) *catalog.PricingRule { return &catalog.PricingRule{Min: min, Max: max} }
	for _, c := range []struct {
		a, b *catalog.PricingRule
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

func TestNotificationXML(t *testing.T) {
	got := notificationXML(map[string][]int64{"web_provider": {50, 100}, "email_buyer": {}})
	if !reflect.DeepEqual(got, map[string]string{"web_provider": "[50, 100]", "email_buyer": "[]"}) {
		t.Fatalf("%v", got)
	}
}
