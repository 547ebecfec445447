package catalog

import (
	"reflect"
	"regexp"
	"testing"
)

func TestSystemNames(t *testing.T) {
	for in, want := range map[string]string{"Echo API": "echo_api", "  v2 ": "v2", "Gold-Plan (2024)": "gold_plan_2024"} {
		if got := SystemNameFor("plan", in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	if got := SystemNameFor("feature", "日本"); !regexp.MustCompile(`^feature_[0-9a-f]{12}$`).MatchString(got) {
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
